/**
 * Issue 4, the workshop timer: the facilitator starts it from the UI; the facilitator, a participant,
 * a viewer and a late joiner all count down to the same server-stamped end ([WS3]/[WS4]); pause
 * freezes every page on the same value; a short run ends with the red "Time's up" on every page.
 */
import type { Page } from '@playwright/test'
import type { Actor } from '../fixtures/actor.js'
import { boardFetch } from '../fixtures/api.js'
import { expectMenuDismisses } from '../fixtures/menus.js'
import { expect, test } from '../fixtures/test.js'

/** Local time at which this page's timer says it will end: read time + `data-remaining-ms`. */
async function impliedEnd(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="timer"]')
    if (!el) throw new Error('no timer on the page')
    return Date.now() + Number(el.dataset.remainingMs)
  })
}

/** The `mm:ss` the page shows, in seconds. */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer-remaining').textContent()) ?? ''
  const m = /^(\d+):(\d\d)$/.exec(text.trim())
  if (!m) throw new Error(`timer shows "${text}"`)
  return Number(m[1]) * 60 + Number(m[2])
}

const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs)

async function expectStatus(actors: Actor[], status: string) {
  await Promise.all(actors.map((a) => expect(a.page.getByTestId('timer'), `${a.name}: timer ${status}`).toHaveAttribute('data-status', status)))
}

test('[WS3] [WS4] timer: every page (viewer and late joiner too) shows the same countdown; pause freezes all; the end is signalled', async ({
  board,
  actor,
  baseURL,
}) => {
  const fac = await actor('Fay')
  const part = await actor('Pat')
  const viewer = await actor('Vic')
  await Promise.all([fac.openBoard(board.id, 'facilitator'), part.openBoard(board.id, 'edit'), viewer.openBoard(board.id, 'view')])

  // Idle: nothing for participants and viewers, the controls for the facilitator only.
  await expect(fac.page.getByTestId('timer-controls')).toBeVisible()
  await expect(part.page.getByTestId('timer')).toHaveCount(0)
  await expect(viewer.page.getByTestId('timer')).toHaveCount(0)

  // The menu closes like any menu: Escape, or a press outside it.
  await expectMenuDismisses(fac.page, { button: 'timer-menu-button', menu: 'timer-menu' }, { x: 640, y: 500 })

  await fac.page.getByTestId('timer-menu-button').click()
  await fac.page.getByTestId('timer-preset-5').click()
  const three = [fac, part, viewer]
  await expectStatus(three, 'running')
  await expect(part.page.getByTestId('timer-controls')).toHaveCount(0)
  await expect(viewer.page.getByTestId('timer-controls')).toHaveCount(0)

  const ends = await Promise.all(three.map((a) => impliedEnd(a.page)))
  expect(spread(ends), `implied ends ${ends.join(', ')}`).toBeLessThan(1_000)
  const seconds = await Promise.all(three.map((a) => shownSeconds(a.page)))
  expect(spread(seconds)).toBeLessThanOrEqual(1)
  expect(Math.min(...seconds)).toBeGreaterThan(4 * 60)
  expect(Math.max(...seconds)).toBeLessThanOrEqual(5 * 60)

  // A late joiner mid-countdown gets the same end from the doc and the server clock.
  const late = await actor('Lee')
  await late.openBoard(board.id, 'edit')
  await expect(late.page.getByTestId('timer')).toHaveAttribute('data-status', 'running')
  const lateEnd = await impliedEnd(late.page)
  const facEnd = await impliedEnd(fac.page)
  expect(Math.abs(lateEnd - facEnd)).toBeLessThan(1_000)
  const four = [...three, late]

  // Pause: every page stops on the very same value (the doc's remainingMs), and it stays.
  await fac.page.getByTestId('timer-pause').click()
  await expectStatus(four, 'paused')
  const paused = await Promise.all(four.map((a) => a.page.getByTestId('timer').getAttribute('data-remaining-ms')))
  expect(new Set(paused).size, `paused at ${paused.join(', ')}`).toBe(1)
  const pausedText = await fac.page.getByTestId('timer-remaining').textContent()
  // +1 min while paused proves the pages are live (and still frozen): they all move by exactly 60 s.
  await fac.page.getByTestId('timer-add-minute').click()
  const plusMinute = String(Number(paused[0]) + 60_000)
  for (const a of four) await expect(a.page.getByTestId('timer')).toHaveAttribute('data-remaining-ms', plusMinute)
  expect(await fac.page.getByTestId('timer-remaining').textContent()).not.toBe(pausedText)

  await fac.page.getByTestId('timer-resume').click()
  await expectStatus(four, 'running')
  const resumed = await Promise.all(four.map((a) => impliedEnd(a.page)))
  expect(spread(resumed)).toBeLessThan(1_000)

  // A short run (3 s, through the HTTP API): every page turns red with "Time's up".
  const res = await boardFetch(baseURL!, board.id, '/workshop', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'timer.start', seconds: 3 }),
  })
  expect(res.status, await res.text()).toBeLessThan(300)
  for (const a of four) {
    await expect(a.page.getByTestId('timer-done'), `${a.name}: time's up`).toBeVisible({ timeout: 15_000 })
    await expect(a.page.getByTestId('timer')).toHaveAttribute('data-done', 'true')
    await expect(a.page.getByTestId('timer-remaining')).toHaveText('00:00')
  }
  // Nothing left to pause: the facilitator is offered +1 min and Reset.
  await expect(fac.page.getByTestId('timer-pause')).toHaveCount(0)
  await expect(fac.page.getByTestId('timer-add-minute')).toBeVisible()

  // Reset clears the signal everywhere; the participant's timer goes away again.
  await fac.page.getByTestId('timer-reset').click()
  await expect(part.page.getByTestId('timer')).toHaveCount(0)
  await expect(fac.page.getByTestId('timer-done')).toHaveCount(0)
})
