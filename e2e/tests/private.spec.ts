/**
 * Private mode ([WS8]) through the real UI: while a round is on, a participant's new card is theirs
 * alone (it IS in everyone's store, hidden by their editors: not rendered, not exported) until the
 * facilitator reveals the round.
 */
import { readFile } from 'node:fs/promises'
import type { Actor } from '../fixtures/actor.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

/** How one actor's page holds a shape: in the store, hidden by the editor, rendered in the DOM. */
const seen = (a: Actor, id: string) =>
  a.page.evaluate((i) => {
    const editor = (window as OverlapWindow).__overlap!.editor
    return {
      inStore: editor.getShape(i) !== undefined,
      hidden: editor.isShapeHidden(i),
      rendered: document.querySelectorAll(`.tl-shape[data-shape-id="${CSS.escape(i)}"]`).length > 0,
    }
  }, id)

/** The SVG this actor would export for the whole page (what Export ▾ PNG/SVG draws). */
const pageSvg = (a: Actor) =>
  a.page.evaluate(async () => {
    const editor = (window as OverlapWindow).__overlap!.editor
    return (await editor.getSvgString([...editor.getCurrentPageShapeIds()]))?.svg ?? ''
  })

const HIDDEN = { inStore: true, hidden: true, rendered: false }
const SHOWN = { inStore: true, hidden: false, rendered: true }

test('[WS8] a participant’s card made in private mode is seen only by them until the facilitator reveals it', async ({ board, actor }) => {
  const fay = await actor('Fay')
  const pat = await actor('Pat')
  const vic = await actor('Vic')
  await Promise.all([fay.openBoard(board.id, 'facilitator'), pat.openBoard(board.id, 'edit'), vic.openBoard(board.id, 'view')])

  // Only the facilitator can start it; everyone sees the banner, only the facilitator "Reveal all".
  await expect(pat.page.getByTestId('private-start')).toHaveCount(0)
  await fay.page.getByTestId('private-start').click()
  await fay.page.getByTestId('private-start-board').click()
  for (const a of [fay, pat, vic]) {
    await expect(a.page.getByTestId('private-banner')).toContainText('Private mode: new cards are visible only to their author until the facilitator reveals them')
  }
  await expect(fay.page.getByTestId('private-reveal')).toBeVisible()
  await expect(pat.page.getByTestId('private-reveal')).toHaveCount(0)
  await expect(vic.page.getByTestId('private-reveal')).toHaveCount(0)

  // A public card from before is unaffected; Pat writes a card now.
  await pat.writeNote(await pat.canvasPoint(0.6, 0.4), 'My secret idea')
  await pat.waitSynced()
  const note = (await pat.shapes()).find((s) => s.text === 'My secret idea')!
  expect(note).toBeDefined()
  const draft = await pat.page.evaluate((i) => (window as OverlapWindow).__overlap!.editor.getShape(i)?.meta.overlapDraft, note.id)
  expect(draft).toMatchObject({ author: pat.identity.id })
  // The author sees it, marked "Private", and it is in their export.
  expect(await seen(pat, note.id)).toEqual(SHOWN)
  await expect(pat.page.locator(`[data-testid="draft-badge"][data-shape-id="${note.id}"]`)).toBeVisible()
  expect(await pageSvg(pat)).toContain('My secret idea')

  // The facilitator and the viewer HAVE the card (with its text) but their editors hide it.
  for (const a of [fay, vic]) {
    await expect
      .poll(async () => (await a.shapes()).find((s) => s.id === note.id)?.text ?? null, { message: `${a.name} received the card` })
      .toBe('My secret idea')
    await expect.poll(() => seen(a, note.id), { message: `${a.name}: hidden, not rendered` }).toEqual(HIDDEN)
    await expect(a.page.locator(`[data-testid="draft-badge"]`)).toHaveCount(0)
    expect(await pageSvg(a), `${a.name}: not in the export`).not.toContain('My secret idea')
  }
  // Select all cannot pick it up for the facilitator either.
  await fay.page.locator('.tl-canvas').first().click({ position: { x: 5, y: 200 } })
  await fay.page.keyboard.press('ControlOrMeta+a')
  expect(await fay.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).not.toContain(note.id)

  // Reveal: the banner goes and everyone sees the card.
  await fay.page.getByTestId('private-reveal').click()
  for (const a of [fay, pat, vic]) {
    await expect(a.page.getByTestId('private-banner')).toHaveCount(0)
    await expect.poll(() => seen(a, note.id), { message: `${a.name} sees the revealed card` }).toEqual(SHOWN)
  }
  await expect(pat.page.locator(`[data-testid="draft-badge"]`)).toHaveCount(0)
  expect(await pageSvg(vic)).toContain('My secret idea')
})

test('[WS8] private mode in a frame: only cards made inside the frame are drafts', async ({ board, actor }) => {
  const fay = await actor('Fay')
  const pat = await actor('Pat')
  await Promise.all([fay.openBoard(board.id, 'facilitator'), pat.openBoard(board.id, 'edit')])

  // The facilitator draws a frame on the left half (it stays selected) and starts private mode in it.
  const from = await fay.canvasPoint(0, 0.1)
  const to = await fay.canvasPoint(0.45, 0.9)
  await fay.page.keyboard.press('f')
  await fay.page.mouse.move(from.x, from.y)
  await fay.page.mouse.down()
  await fay.page.mouse.move(to.x, to.y, { steps: 8 })
  await fay.page.mouse.up()
  await fay.waitSynced()
  const frameId = (await fay.shapes()).find((s) => s.type === 'frame')!.id
  await fay.page.getByTestId('private-start').click()
  await fay.page.getByTestId('private-start-frame').click()
  await expect(pat.page.getByTestId('private-banner')).toHaveAttribute('data-frame-id', frameId)

  await pat.writeNote(await pat.canvasPoint(0.2, 0.5), 'Inside')
  await pat.writeNote(await pat.canvasPoint(0.9, 0.5), 'Outside')
  await pat.waitSynced()
  const byText = async (a: Actor) => Object.fromEntries((await a.shapes()).map((s) => [s.text, s.id]))
  const ids = await byText(pat)
  expect(await seen(pat, ids.Inside!)).toEqual(SHOWN)
  expect(await seen(pat, ids.Outside!)).toEqual(SHOWN)

  await expect.poll(async () => Object.keys(await byText(fay)).sort(), { message: 'Fay received both cards' }).toEqual(['', 'Inside', 'Outside'])
  await expect.poll(() => seen(fay, ids.Inside!), { message: 'the card in the frame is hidden' }).toEqual(HIDDEN)
  expect(await seen(fay, ids.Outside!)).toEqual(SHOWN)
})

test('[WS8] a draft card stays out of the facilitator’s lens and downloaded brief until the reveal', async ({ board, actor }) => {
  const fay = await actor('Fay')
  const pat = await actor('Pat')
  await Promise.all([fay.openBoard(board.id, 'facilitator'), pat.openBoard(board.id, 'edit')])
  await fay.page.getByTestId('private-start').click()
  await fay.page.getByTestId('private-start-board').click()
  await expect(pat.page.getByTestId('private-banner')).toBeVisible()
  await fay.page.getByTestId('lens-button').click()

  // Pat writes a requirement card from the keyboard (C, 5 = requirement, type).
  const spot = await pat.canvasPoint(0.9, 0.3)
  await pat.page.mouse.click(spot.x, spot.y)
  await pat.page.keyboard.press('Escape')
  await pat.page.keyboard.press('c')
  await pat.page.keyboard.press('5')
  await pat.typeInEditedShape('Secret requirement')
  await pat.page.keyboard.press('Escape')
  await pat.waitSynced()
  const card = (await pat.shapes()).find((s) => s.text === 'Secret requirement')!
  await expect.poll(async () => (await fay.shape(card.id))?.text ?? null, { message: 'Fay received the card' }).toBe('Secret requirement')

  const briefOf = async (a: Actor) => {
    await a.page.getByTestId('brief-button').click()
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('brief-download-md').click()])
    return readFile((await download.path())!, 'utf8')
  }
  await expect(fay.page.getByTestId('lens-panel')).toBeVisible()
  await expect(fay.page.getByTestId('lens-card-count-requirement')).toHaveText('0')
  expect(await briefOf(fay)).not.toContain('Secret requirement')
  expect(await briefOf(pat)).toContain('Secret requirement')

  // After the reveal the lens counts it (no document change needed) and the brief lists it.
  await fay.page.getByTestId('private-reveal').click()
  await expect(fay.page.getByTestId('lens-card-count-requirement')).toHaveText('1')
  expect(await briefOf(fay)).toContain('Secret requirement')
})
