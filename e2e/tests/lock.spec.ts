/**
 * The facilitator lock ([WS9]) through the real UI: a locked frame cannot be dragged or deleted by a
 * participant (their editor refuses the change, so nothing reaches the doc), cards can still be
 * created inside it, and the facilitator can still move it.
 */
import type { Page } from '@playwright/test'
import type { Actor } from '../fixtures/actor.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

const frameOf = (a: Actor) =>
  a.page.evaluate(() => {
    const s = (window as OverlapWindow).__overlap!.editor.getCurrentPageShapes().find((x) => x.type === 'frame')
    return s ? { id: s.id, x: s.x, y: s.y, locked: s.meta.overlapLocked === true } : null
  })

/** Centre of the frame's heading (its name above the frame): where a user grabs a frame. */
async function headingPoint(page: Page) {
  const box = await page.locator('.tl-frame-heading').first().boundingBox()
  if (!box) throw new Error('no frame heading on the page')
  return { x: box.x + Math.min(20, box.width / 2), y: box.y + box.height / 2 }
}

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 10 })
  await page.mouse.up()
}

test('[WS9] a participant cannot drag or delete a locked frame but can add a card inside it; the facilitator can still move it', async ({ board, actor }) => {
  const fay = await actor('Fay')
  const pat = await actor('Pat')
  await Promise.all([fay.openBoard(board.id, 'facilitator'), pat.openBoard(board.id, 'edit')])

  // The facilitator draws a frame ('f' + drag) and locks it from the facilitator bar.
  const from = await fay.canvasPoint(0.1, 0.15)
  const to = await fay.canvasPoint(0.7, 0.9)
  await fay.page.keyboard.press('f')
  await drag(fay.page, from, { x: to.x - from.x, y: to.y - from.y })
  await expect.poll(() => frameOf(fay), { message: 'Fay drew a frame' }).not.toBeNull()
  await expect(pat.page.getByTestId('lock-controls')).toHaveCount(0)
  await expect(fay.page.getByTestId('lock-selection')).toHaveText(/Lock/)
  await fay.page.getByTestId('lock-selection').click()
  await expect(fay.page.getByTestId('lock-selection')).toHaveText(/Unlock/)
  await fay.waitSynced()
  const frame = (await frameOf(fay))!
  expect(frame.locked).toBe(true)
  await expect.poll(() => frameOf(pat), { message: 'Pat sees the locked frame' }).toEqual(frame)
  // Everyone sees the lock icon on it.
  await expect(pat.page.locator(`[data-testid="lock-badge"][data-shape-id="${frame.id}"]`)).toBeVisible()
  await expect(fay.page.locator(`[data-testid="lock-badge"][data-shape-id="${frame.id}"]`)).toBeVisible()

  // Pat writes a card inside the locked frame: the card's parent is the frame.
  await pat.writeNote(await pat.canvasPoint(0.4, 0.6), 'Inside the locked frame')
  await pat.waitSynced()
  const note = (await pat.shapes()).find((s) => s.type === 'note')
  expect(note?.text).toBe('Inside the locked frame')
  const parentOf = (a: Actor, id: string) => a.page.evaluate((i) => (window as OverlapWindow).__overlap!.editor.getShape(i)?.parentId ?? null, id)
  expect(await parentOf(pat, note!.id)).toBe(frame.id)
  await expect.poll(() => parentOf(fay, note!.id), { message: 'Fay sees the card inside the frame' }).toBe(frame.id)
  // ...and drops a card made outside into it: that reparents the card, not the frame.
  await pat.writeNote(await pat.canvasPoint(0.95, 0.75), 'Dropped in')
  await pat.waitSynced()
  const dropped = (await pat.shapes()).find((s) => s.text === 'Dropped in')!
  expect(await parentOf(pat, dropped.id)).not.toBe(frame.id)
  const droppedCentre = await pat.pageToScreen({ x: dropped.x + 100, y: dropped.y + 100 })
  const target = await pat.canvasPoint(0.15, 0.35)
  await drag(pat.page, droppedCentre, { x: target.x - droppedCentre.x, y: target.y - droppedCentre.y })
  await expect.poll(() => parentOf(pat, dropped.id), { message: 'the dropped card is in the frame' }).toBe(frame.id)
  await expect.poll(() => parentOf(fay, dropped.id), { message: 'Fay sees the dropped card in the frame' }).toBe(frame.id)

  // A link from outside the frame to the card inside it (an arrow bound at its end to the card).
  await fay.page.evaluate((noteId) => {
    const editor = (window as OverlapWindow).__overlap!.editor as unknown as {
      createShape(s: unknown): void
      createBinding(b: unknown): void
    }
    editor.createShape({ id: 'shape:link-in', type: 'arrow', x: -400, y: -300, props: { start: { x: 0, y: 0 }, end: { x: 50, y: 50 } } })
    editor.createBinding({
      type: 'arrow',
      fromId: 'shape:link-in',
      toId: noteId,
      props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
    })
  }, note!.id)
  await fay.waitSynced()
  const bindingsTo = (a: Actor, id: string) =>
    a.page.evaluate(
      (i) => ((window as OverlapWindow).__overlap!.editor as unknown as { getBindingsToShape(id: string, type: string): unknown[] }).getBindingsToShape(i, 'arrow').length,
      id
    )
  await expect.poll(() => bindingsTo(pat, note!.id), { message: 'Pat sees the link into the card' }).toBe(1)

  // Pat grabs the frame by its heading and drags it: it is selected, but does not move.
  await pat.page.keyboard.press('Escape')
  await drag(pat.page, await headingPoint(pat.page), { x: 160, y: 90 })
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).toEqual([frame.id])
  // …nor resize it by its bottom-right corner handle (the facilitator can, below).
  const sizeBefore = await frameSize(pat, frame.id)
  await drag(pat.page, await pat.pageToScreen({ x: frame.x + sizeBefore.w, y: frame.y + sizeBefore.h }), { x: 90, y: 70 })
  expect(await frameSize(pat, frame.id)).toEqual(sizeBefore)
  // Delete with the frame selected: refused, and the card inside it is not deleted with it.
  await pat.page.keyboard.press('Delete')
  await pat.page.keyboard.press('Backspace')
  await pat.waitSynced()
  await fay.waitSynced()
  for (const a of [pat, fay]) {
    expect(await frameOf(a), `${a.name}: the frame is where it was`).toEqual(frame)
    expect(await parentOf(a, note!.id), `${a.name}: the card is still in the frame`).toBe(frame.id)
    // tldraw unbinds arrows from shapes it deletes before the deletion is refused: the link must stay bound.
    expect(await bindingsTo(a, note!.id), `${a.name}: the link into the card is still bound`).toBe(1)
  }

  // Pat's duplicate of the locked frame is Pat's own, unlocked: Pat can delete it again.
  const frames = (a: Actor) =>
    a.page.evaluate(() =>
      (window as OverlapWindow).__overlap!.editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'frame')
        .map((s) => ({ id: s.id, locked: s.meta.overlapLocked === true }))
    )
  const heading = await headingPoint(pat.page)
  await pat.page.mouse.click(heading.x, heading.y)
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).toEqual([frame.id])
  await pat.page.keyboard.press('ControlOrMeta+d')
  await expect.poll(async () => (await frames(pat)).length, { message: 'Pat duplicated the frame' }).toBe(2)
  const copy = (await frames(pat)).find((f) => f.id !== frame.id)!
  expect(copy.locked).toBe(false)
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).toEqual([copy.id])
  await pat.page.keyboard.press('Delete')
  await expect.poll(() => frames(pat)).toEqual([{ id: frame.id, locked: true }])
  await pat.waitSynced()
  await expect.poll(() => frames(fay)).toEqual([{ id: frame.id, locked: true }])

  // A locked note: Pat cannot edit its text (double-click, then Enter) and no error is thrown.
  await fay.page.keyboard.press('Escape')
  await fay.writeNote(await fay.canvasPoint(0.95, 0.3), 'Agenda')
  const agenda = (await fay.shapes()).find((s) => s.text === 'Agenda')!
  await fay.page.evaluate((i) => void (window as OverlapWindow).__overlap!.editor.select(i), agenda.id)
  await fay.page.getByTestId('lock-selection').click()
  await fay.waitSynced()
  await expect.poll(() => pat.page.evaluate((i) => (window as OverlapWindow).__overlap!.editor.getShape(i)?.meta.overlapLocked ?? null, agenda.id)).toBe(true)
  const agendaCentre = await pat.pageToScreen({ x: agenda.x + 100, y: agenda.y + 100 })
  await pat.page.keyboard.press('Escape')
  await pat.page.mouse.dblclick(agendaCentre.x, agendaCentre.y)
  // (tldraw's rule for a shape that cannot be edited: the double-click starts a new text on top.)
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getEditingShapeId())).not.toBe(agenda.id)
  await pat.page.keyboard.press('Escape')
  await pat.page.keyboard.press('Escape')
  await pat.page.mouse.click(agendaCentre.x, agendaCentre.y)
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getSelectedShapeIds())).toEqual([agenda.id])
  await pat.page.keyboard.press('Enter')
  expect(await pat.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getEditingShapeId())).toBeNull()
  expect((await pat.shape(agenda.id))?.text).toBe('Agenda')

  // The facilitator unlocks it from the context menu; Pat's editor sees it unlocked.
  await fay.page.keyboard.press('Escape')
  const agendaOnFay = await fay.pageToScreen({ x: agenda.x + 100, y: agenda.y + 100 })
  await fay.page.mouse.click(agendaOnFay.x, agendaOnFay.y, { button: 'right' })
  await fay.page.getByRole('menuitem', { name: 'Unlock' }).click()
  await expect.poll(() => pat.page.evaluate((i) => (window as OverlapWindow).__overlap!.editor.getShape(i)?.meta.overlapLocked ?? null, agenda.id)).toBe(false)
  await expect(pat.page.locator(`[data-testid="lock-badge"][data-shape-id="${agenda.id}"]`)).toHaveCount(0)

  // The facilitator drags the same frame the same way: it moves, for both.
  await fay.page.keyboard.press('Escape')
  await drag(fay.page, await headingPoint(fay.page), { x: 160, y: 90 })
  await fay.waitSynced()
  const moved = (await frameOf(fay))!
  expect(moved.x).toBeGreaterThan(frame.x + 100)
  expect(moved.y).toBeGreaterThan(frame.y + 50)
  await expect.poll(() => frameOf(pat), { message: 'Pat sees the frame moved by the facilitator' }).toEqual(moved)
  // …and resizes it by the same corner handle Pat tried: it grows, for both.
  await drag(fay.page, await fay.pageToScreen({ x: moved.x + sizeBefore.w, y: moved.y + sizeBefore.h }), { x: 90, y: 70 })
  await fay.waitSynced()
  const resized = await frameSize(fay, frame.id)
  expect(resized.w).toBeGreaterThan(sizeBefore.w + 40)
  await expect.poll(() => frameSize(pat, frame.id), { message: 'Pat sees the resize' }).toEqual(resized)
})

function frameSize(a: Actor, id: string) {
  return a.page.evaluate((i) => {
    const s = (window as OverlapWindow).__overlap!.editor.getShape(i) as { props: { w: number; h: number } } | undefined
    return { w: s?.props.w ?? Number.NaN, h: s?.props.h ?? Number.NaN }
  }, id)
}

test('[WS9][B16] a participant’s undo of a move made before the lock is refused: the locked card stays', async ({ board, actor }) => {
  const fay = await actor('Fay')
  const pat = await actor('Pat')
  await Promise.all([fay.openBoard(board.id, 'facilitator'), pat.openBoard(board.id, 'edit')])

  // Pat writes a card and moves it.
  await pat.writeNote(await pat.canvasPoint(0.3, 0.4), 'Moved before the lock')
  await pat.page.keyboard.press('Escape')
  await pat.waitSynced()
  const card = (await pat.shapes()).find((s) => s.text === 'Moved before the lock')!
  const centre = await pat.pageToScreen({ x: card.x + 100, y: card.y + 100 })
  await drag(pat.page, centre, { x: 150, y: 80 })
  await pat.waitSynced()
  const moved = (await pat.shape(card.id))!
  expect(moved.x).toBeGreaterThan(card.x + 50)

  // The facilitator locks it.
  await expect.poll(async () => (await fay.shape(card.id))?.x).toBe(moved.x)
  await fay.page.evaluate((i) => void (window as OverlapWindow).__overlap!.editor.select(i), card.id)
  await fay.page.getByTestId('lock-selection').click()
  await fay.waitSynced()
  await expect.poll(() => pat.page.evaluate((i) => (window as OverlapWindow).__overlap!.editor.getShape(i)?.meta.overlapLocked ?? null, card.id)).toBe(true)

  // Pat's Ctrl+Z would move it back: refused, with a word why; the card stays put everywhere.
  await pat.page.keyboard.press('ControlOrMeta+z')
  await expect(pat.page.getByText('That step changed a shape the facilitator has locked since').first()).toBeVisible()
  await pat.waitSynced()
  for (const a of [pat, fay]) expect(await a.shape(card.id), `${a.name}: the card is where Pat moved it`).toMatchObject({ x: moved.x, y: moved.y })
})
