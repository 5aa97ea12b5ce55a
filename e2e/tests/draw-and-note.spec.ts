import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

test('A draws a rectangle and writes a note with the real UI; B sees both', async ({ board, actor }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // Rectangle: the 'r' shortcut, then a drag on the canvas.
  const from = await a.canvasPoint(0.1, 0.2)
  const to = await a.canvasPoint(0.35, 0.6)
  await a.drawRectangle(from, to)

  // Sticky note: 'n', a click, type, Escape.
  await a.writeNote(await a.canvasPoint(0.75, 0.4), 'Ship it on Friday')

  await expect
    .poll(async () => (await a.shapes()).map((s) => ({ type: s.type, text: s.text })).sort((x, y) => x.type.localeCompare(y.type)))
    .toEqual([
      { type: 'geo', text: '' },
      { type: 'note', text: 'Ship it on Friday' },
    ])
  await a.waitSynced()

  await expect
    .poll(async () => (await b.shapes()).map((s) => ({ type: s.type, text: s.text })).sort((x, y) => x.type.localeCompare(y.type)), {
      message: 'B sees the rectangle and the note text',
    })
    .toEqual([
      { type: 'geo', text: '' },
      { type: 'note', text: 'Ship it on Friday' },
    ])
  const geo = (await b.shapes()).find((s) => s.type === 'geo')!
  const geoProps = await b.page.evaluate((id) => (window as OverlapWindow).__overlap!.editor.getShape(id)?.props.geo, geo.id)
  expect(geoProps).toBe('rectangle')
})
