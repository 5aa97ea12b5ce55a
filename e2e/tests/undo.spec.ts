import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'
import type { Actor } from '../fixtures/actor.js'

/** A solid 160 × 100 box at (200, 200), made by `who` (solid: a click inside a hollow shape misses it). */
const boxAt200 = (who: Actor) =>
  who.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.createShape({ type: 'geo', x: 200, y: 200, props: { w: 160, h: 100, color: 'black', fill: 'solid' } })
    return editor.getCurrentPageShapes()[0].id
  })

test("A's undo (Ctrl+Z) reverts A's move and leaves B's concurrent recolour alone", async ({ board, actor }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // B creates the shape, so A's undo stack holds only A's move.
  const id = await boxAt200(b)
  await b.waitSynced()
  await expect.poll(async () => (await a.shape(id))?.x).toBe(200)

  // A drags the shape by 150,80 screen pixels (zoom 1) with the select tool.
  const grab = await a.pageToScreen({ x: 280, y: 250 })
  await a.page.mouse.move(grab.x, grab.y)
  await a.page.mouse.down()
  await a.page.mouse.move(grab.x + 150, grab.y + 80, { steps: 10 })
  await a.page.mouse.up()
  await expect.poll(async () => a.shape(id)).toMatchObject({ x: 350, y: 280 })
  await a.waitSynced()
  await expect.poll(async () => b.shape(id), { message: "B sees A's move" }).toMatchObject({ x: 350, y: 280 })

  // B recolours it through the style panel.
  const onB = await b.pageToScreen({ x: 430, y: 330 })
  await b.page.mouse.click(onB.x, onB.y)
  await expect.poll(() => b.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).toEqual([id])
  await b.page.getByTestId('style.color.red').click()
  await expect.poll(async () => (await b.shape(id))?.color).toBe('red')
  await b.waitSynced()
  await expect.poll(async () => (await a.shape(id))?.color, { message: "A sees B's colour" }).toBe('red')

  // A undoes with the real shortcut.
  await a.page.keyboard.press('Control+z')
  for (const [who, actorX] of [
    ['A', a],
    ['B', b],
  ] as const) {
    await expect
      .poll(async () => actorX.shape(id), { message: `${who}: move undone, B's colour kept` })
      .toMatchObject({ x: 200, y: 200, color: 'red' })
  }
  await Promise.all([a.waitSynced(), b.waitSynced()])
})

test("[B18] A's undo of a shape A made does not delete it once B has changed it: it stays, with B's change, and A is told", async ({ board, actor }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // A makes a shape (A's only undo step), B recolours it.
  const id = await boxAt200(a)
  await a.waitSynced()
  await expect.poll(async () => (await b.shape(id))?.x).toBe(200)
  await b.page.evaluate((shapeId) => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.updateShape({ id: shapeId, type: 'geo', props: { color: 'red' } })
  }, id)
  await b.waitSynced()
  await expect.poll(async () => (await a.shape(id))?.color, { message: "A sees B's colour" }).toBe('red')

  // Focus A's canvas away from the shape, then the real shortcut.
  const empty = await a.canvasPoint(0.85, 0.75)
  await a.page.mouse.click(empty.x, empty.y)
  await a.page.keyboard.press('Control+z')
  await expect(a.page.getByText('Not undone').first()).toBeVisible()
  for (const actorX of [a, b]) await expect.poll(async () => actorX.shape(id)).toMatchObject({ x: 200, color: 'red' })
  await Promise.all([a.waitSynced(), b.waitSynced()])
})

test("[B16] [B18] A retypes a card A made, B retypes it after A: A's Ctrl+Z keeps the card and B's text, and A is told", async ({ board, actor }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])
  const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
  const id = 'shape:e2e-retyped'
  // A makes the card, then, as a separate step, types over it.
  await a.page.evaluate(
    ({ id, first }) => {
      const editor = (window as OverlapWindow).__overlap!.editor
      editor.createShape({ id, type: 'note', x: 200, y: 200, props: { richText: first } })
    },
    { id, first: richText('Metric: decline rate') }
  )
  await a.page.evaluate(
    ({ id, second }) => {
      const editor = (window as OverlapWindow).__overlap!.editor
      ;(editor as unknown as { markHistoryStoppingPoint(): void }).markHistoryStoppingPoint()
      editor.updateShape({ id, type: 'note', props: { richText: second } })
    },
    { id, second: richText('Metric: payment decline rate') }
  )
  await a.waitSynced()
  await expect.poll(async () => (await b.shape(id))?.text).toBe('Metric: payment decline rate')
  // B types over it after A.
  await b.page.evaluate(
    ({ id, third }) => (window as OverlapWindow).__overlap!.editor.updateShape({ id, type: 'note', props: { richText: third } }),
    { id, third: richText('Declined payments per 1,000') }
  )
  await b.waitSynced()
  await expect.poll(async () => (await a.shape(id))?.text).toBe('Declined payments per 1,000')

  // A's Ctrl+Z: A's retyping no longer changes anything, and undoing the creation would delete B's text.
  const empty = await a.canvasPoint(0.85, 0.75)
  await a.page.mouse.click(empty.x, empty.y)
  await a.page.keyboard.press('Control+z')
  await expect(a.page.getByText('Not undone').first()).toBeVisible()
  for (const x of [a, b]) await expect.poll(async () => (await x.shape(id))?.text, { message: `${x.name} keeps the card` }).toBe('Declined payments per 1,000')
  await Promise.all([a.waitSynced(), b.waitSynced()])
})

test("the toolbar's Undo and Redo buttons follow the board's own history: Redo turns on after an Undo and brings the shape back", async ({ board, actor }) => {
  const a = await actor('Alice')
  await a.openBoard(board.id)
  const undo = a.page.getByTestId('quick-actions.undo')
  const redo = a.page.getByTestId('quick-actions.redo')
  await expect(undo).toBeDisabled()
  await expect(redo).toBeDisabled()

  await a.drawRectangle(await a.canvasPoint(0.3, 0.3), await a.canvasPoint(0.5, 0.6))
  await expect.poll(async () => (await a.shapes()).length).toBe(1)
  await expect(undo).toBeEnabled()
  await expect(redo).toBeDisabled()

  await undo.click()
  await expect.poll(async () => (await a.shapes()).length, { message: 'Undo removed the rectangle' }).toBe(0)
  await expect(redo, 'Redo is offered after an Undo').toBeEnabled()
  await expect(undo).toBeDisabled()

  await redo.click()
  await expect.poll(async () => (await a.shapes()).length, { message: 'Redo brought it back' }).toBe(1)
  await expect(redo).toBeDisabled()
  await a.waitSynced()
})
