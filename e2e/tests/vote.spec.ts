/**
 * Issue 4, dot voting: the facilitator starts a named vote on all cards from the dialog; Ann
 * (product) and Bo (engineering) vote by clicking cards. While open nobody sees anyone else's votes
 * ([WS6]): Bo's page has no count and none of Ann's dots. Ann's votes survive her reload; a vote over
 * her budget is refused with a toast. After "End vote" ([WS7]) every page shows the same counts, the
 * results panel ranks the cards, "Split by side" puts Ann's votes under product and Bo's under
 * engineering, and the CSV has the same numbers. A viewer watches the same bar and results, without votes.
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { Actor } from '../fixtures/actor.js'
import { expect, test } from '../fixtures/test.js'

interface VoteEditor {
  createShape(shape: Record<string, unknown>): unknown
  getCurrentPageShapes(): Array<{ id: string; type: string }>
  zoomToFit(opts?: unknown): unknown
}
type VoteWindow = Window & { __overlap?: { editor: VoteEditor } }

const CARDS = [
  { id: 'shape:vote-search', text: 'Fast search', x: 0 },
  { id: 'shape:vote-dark', text: 'Dark mode', x: 260 },
  { id: 'shape:vote-export', text: 'Export to PDF', x: 520 },
] as const
const [SEARCH, DARK, EXPORT] = CARDS.map((c) => c.id)

async function zoomToCards(a: Actor) {
  await expect.poll(() => a.page.evaluate(() => (window as VoteWindow).__overlap!.editor.getCurrentPageShapes().length), { message: `${a.name}: 3 cards` }).toBe(3)
  await a.page.evaluate(() => {
    const editor = (window as VoteWindow).__overlap!.editor
    editor.zoomToFit({ animation: { duration: 0 } })
  })
}

const dots = (page: Page, cardId?: string) => page.locator(cardId ? `[data-testid="vote-dot"][data-card-id="${cardId}"]` : '[data-testid="vote-dot"]')
const count = (page: Page, cardId: string) => page.locator(`[data-testid="vote-count"][data-card-id="${cardId}"]`)
const target = (page: Page, cardId: string) => page.locator(`[data-testid="vote-target"][data-card-id="${cardId}"]`)
const resultRow = (page: Page, cardId: string) => page.locator(`[data-testid="vote-result-row"][data-card-id="${cardId}"]`)

test('[WS5] [WS6] [WS7] vote: secret while open, same counts for all after the end, split by side', async ({ board, actor }) => {
  // Sides come from the actor order (fixtures/identity.ts): Ann product, Bo engineering, Fay design.
  const ann = await actor('Ann')
  const bo = await actor('Bo')
  const fay = await actor('Fay')
  const vic = await actor('Vic')
  // A viewer has no ballots: its page must not ask for them (a 403 in its console on every load).
  const vicBallotRequests: string[] = []
  vic.page.on('request', (req) => {
    if (req.url().includes('/ballots')) vicBallotRequests.push(req.url())
  })
  expect([ann.identity.side, bo.identity.side]).toEqual(['product', 'engineering'])
  await Promise.all([
    ann.openBoard(board.id, 'edit'),
    bo.openBoard(board.id, 'edit'),
    fay.openBoard(board.id, 'facilitator'),
    vic.openBoard(board.id, 'view'),
  ])

  await fay.page.evaluate((cards) => {
    const editor = (window as VoteWindow).__overlap!.editor
    for (const c of cards) {
      editor.createShape({
        id: c.id,
        type: 'note',
        x: c.x,
        y: 0,
        props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: c.text }] }] } },
      })
    }
  }, CARDS)
  await fay.waitSynced()
  for (const a of [ann, bo, fay, vic]) await zoomToCards(a)

  // The facilitator starts a named vote on all cards, 3 votes each.
  await expect(ann.page.getByTestId('vote-start-button')).toHaveCount(0)
  await fay.page.getByTestId('vote-start-button').click()
  const dialog = fay.page.getByTestId('vote-start-dialog')
  await expect(dialog).toBeVisible()
  // Escape cancels it, wherever the focus is (here: back on the canvas).
  await fay.page.locator('.tl-canvas').focus()
  await fay.page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await fay.page.getByTestId('vote-start-button').click()
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('vote-scope-page').check()
  await expect(dialog).toContainText('All cards — 3 cards')
  await dialog.getByTestId('vote-per-person').fill('3')
  await dialog.getByTestId('vote-anonymous').uncheck()
  await dialog.getByTestId('vote-start-submit').click()
  await expect(dialog).toHaveCount(0)

  for (const a of [ann, bo, fay]) {
    await expect(a.page.getByTestId('vote-bar'), `${a.name}: vote bar`).toContainText('All cards')
    await expect(a.page.getByTestId('votes-left')).toHaveText('3 votes left')
  }
  await expect(fay.page.getByTestId('vote-end')).toBeVisible()
  await expect(ann.page.getByTestId('vote-end')).toHaveCount(0)
  // The viewer watches: the bar, but no budget and nothing to click.
  await expect(vic.page.getByTestId('vote-bar')).toContainText('All cards')
  await expect(vic.page.getByTestId('votes-left')).toHaveCount(0)
  await expect(vic.page.getByTestId('vote-target')).toHaveCount(0)

  // Ann: two votes on search, one on dark mode; a fourth is refused with the server's reason.
  await target(ann.page, SEARCH).click()
  await expect(ann.page.getByTestId('votes-left')).toHaveText('2 votes left')
  await target(ann.page, SEARCH).click()
  await target(ann.page, DARK).click()
  await expect(ann.page.getByTestId('votes-left')).toHaveText('0 votes left')
  await expect(dots(ann.page, SEARCH)).toHaveCount(2)
  await expect(dots(ann.page, DARK)).toHaveCount(1)
  // Past the budget: refused in the page, with no request the browser would log as a 422.
  const refusedRequests: string[] = []
  ann.page.on('response', (r) => {
    if (r.url().includes('/ballots') && r.status() >= 400) refusedRequests.push(`${r.status()} ${r.url()}`)
  })
  await target(ann.page, EXPORT).click()
  await expect(ann.page.locator('.tlui-toast__title').filter({ hasText: 'Vote not counted' }).first()).toBeVisible()
  await expect(ann.page.locator('.tlui-toast__description').filter({ hasText: 'used all your votes' }).first()).toBeVisible()
  expect(refusedRequests).toEqual([])
  await expect(dots(ann.page)).toHaveCount(3)
  await expect(ann.page.getByTestId('votes-left')).toHaveText('0 votes left')

  // Shift-click takes one back, and another click spends it again.
  await target(ann.page, DARK).click({ modifiers: ['Shift'] })
  await expect(ann.page.getByTestId('votes-left')).toHaveText('1 vote left')
  await expect(dots(ann.page, DARK)).toHaveCount(0)
  await target(ann.page, DARK).click()
  await expect(ann.page.getByTestId('votes-left')).toHaveText('0 votes left')

  // Bo votes for export. His page shows his one dot, and nothing of Ann's: no dots, no counts.
  await target(bo.page, EXPORT).click()
  await expect(bo.page.getByTestId('votes-left')).toHaveText('2 votes left')
  await expect(dots(bo.page, EXPORT)).toHaveCount(1)
  await expect(dots(bo.page)).toHaveCount(1)
  await expect(dots(bo.page, SEARCH)).toHaveCount(0)
  await expect(bo.page.getByTestId('vote-count')).toHaveCount(0)
  for (const a of [fay, vic]) {
    await expect(a.page.getByTestId('vote-count')).toHaveCount(0)
    await expect(dots(a.page)).toHaveCount(0)
  }

  // Ann reloads: her votes come back from the server.
  await ann.page.reload()
  await ann.waitSynced()
  await expect(ann.page.getByTestId('votes-left')).toHaveText('0 votes left')
  await zoomToCards(ann)
  await expect(dots(ann.page, SEARCH)).toHaveCount(2)
  await expect(dots(ann.page, DARK)).toHaveCount(1)

  // Vote mode off: the cards are plain cards again (no vote targets).
  await bo.page.getByTestId('vote-mode-toggle').uncheck()
  await expect(bo.page.getByTestId('vote-target')).toHaveCount(0)
  await expect(dots(bo.page, EXPORT)).toHaveCount(1)

  // The facilitator ends the vote: every page shows the same counts and the results.
  await fay.page.getByTestId('vote-end').click()
  const expected: Record<string, number> = { [SEARCH]: 2, [DARK]: 1, [EXPORT]: 1 }
  for (const a of [ann, bo, fay, vic]) {
    await expect(a.page.getByTestId('vote-bar')).toHaveCount(0)
    for (const [id, n] of Object.entries(expected)) await expect(count(a.page, id), `${a.name}: count on ${id}`).toHaveAttribute('data-total', String(n))
    await expect(dots(a.page)).toHaveCount(0)
    const panel = a.page.getByTestId('vote-results')
    await expect(panel).toBeVisible()
    await expect(panel.getByTestId('vote-result-row').first()).toHaveAttribute('data-card-id', SEARCH)
    await expect(resultRow(a.page, SEARCH).getByTestId('vote-result-title')).toHaveText('Fast search')
    await expect(resultRow(a.page, SEARCH).getByTestId('vote-result-voters')).toHaveText('Ann, Ann')
    await expect(resultRow(a.page, EXPORT).getByTestId('vote-result-voters')).toHaveText('Bo')
  }

  // Split by side (on Bo's page): Ann's votes under product, Bo's under engineering.
  await bo.page.getByTestId('vote-split').check()
  const side = (cardId: string, s: string) => resultRow(bo.page, cardId).locator(`[data-testid="vote-result-side"][data-side="${s}"]`)
  await expect(side(SEARCH, 'product')).toHaveAttribute('data-count', '2')
  await expect(side(SEARCH, 'engineering')).toHaveAttribute('data-count', '0')
  await expect(side(DARK, 'product')).toHaveAttribute('data-count', '1')
  await expect(side(EXPORT, 'engineering')).toHaveAttribute('data-count', '1')
  await expect(side(EXPORT, 'product')).toHaveAttribute('data-count', '0')
  // Export got all of engineering's votes and none of product's: the widest gap, listed first.
  await expect(bo.page.getByTestId('vote-result-row').first()).toHaveAttribute('data-card-id', EXPORT)
  await expect(resultRow(bo.page, EXPORT)).toHaveAttribute('data-disagree', 'true')

  // The CSV has the same numbers.
  const [download] = await Promise.all([fay.page.waitForEvent('download'), fay.page.getByTestId('vote-download-csv').click()])
  const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n')
  expect(csv[0]).toBe('rank,card_id,title,total,product,engineering,design,other,unknown,voters')
  expect(csv[1]).toBe(`1,${SEARCH},Fast search,2,2,0,0,0,0,Ann; Ann`)

  // "Hide results" is local: Bo's counts go, Ann's stay.
  await bo.page.getByTestId('vote-hide-results').click()
  await expect(bo.page.getByTestId('vote-count')).toHaveCount(0)
  await expect(bo.page.getByTestId('vote-results')).toHaveCount(0)
  await expect(count(ann.page, SEARCH)).toHaveAttribute('data-total', '2')
  // A participant whose results panel is open has no (empty) vote pill in the top bar.
  await expect(ann.page.locator('.ov-vote-bar-idle')).toHaveCount(0)
  // Hidden stays hidden after a reload (kept in this browser), until shown again.
  await bo.page.reload()
  await bo.waitSynced()
  await expect(bo.page.getByTestId('vote-results-button')).toBeVisible()
  await expect(bo.page.getByTestId('vote-results')).toHaveCount(0)
  await bo.page.getByTestId('vote-results-button').click()
  await expect(count(bo.page, SEARCH)).toHaveAttribute('data-total', '2')
  expect(vicBallotRequests).toEqual([])
})
