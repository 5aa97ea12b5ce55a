/**
 * One person at a time types in a card: a card's text is one field (last writer wins), so two people
 * typing in it at once lost one person's words. While Dan edits a card, Eve's double-click and Enter
 * do not open it, a toast names Dan; once Dan is done, Eve edits it and both texts are what they typed.
 */
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

const editingOn = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getEditingShapeId())

test('while someone types in a card, nobody else can open it for typing; after they finish, the next person can', async ({ board, actor }) => {
  const dan = await actor('Dan')
  const eve = await actor('Eve')
  await Promise.all([dan.openBoard(board.id), eve.openBoard(board.id)])
  await dan.writeNote(await dan.canvasPoint(0.5, 0.5), 'Checkout for')
  await dan.waitSynced()
  const card = (await dan.shapes()).find((s) => s.type === 'note')!
  await expect.poll(async () => (await eve.shape(card.id))?.text).toBe('Checkout for')

  // Dan opens the card for typing and adds words.
  const onDan = await dan.pageToScreen({ x: card.x + 100, y: card.y + 100 })
  await dan.page.mouse.dblclick(onDan.x, onDan.y)
  await expect.poll(() => editingOn(dan.page)).toBe(card.id)
  await dan.page.keyboard.press('End')
  await dan.page.keyboard.type(' mobile')

  // Eve tries both ways in: double-click, and select + Enter. Neither opens it; a toast names Dan.
  const onEve = await eve.pageToScreen({ x: card.x + 100, y: card.y + 100 })
  await expect
    .poll(async () => {
      await eve.page.keyboard.press('Escape')
      await eve.page.mouse.click(onEve.x, onEve.y)
      await eve.page.keyboard.press('Enter')
      return eve.page.locator('.tlui-toast__title').filter({ hasText: 'Dan is typing here' }).count()
    }, { message: "Eve is told Dan is typing (once Dan's claim has arrived)" })
    .toBeGreaterThan(0)
  expect(await editingOn(eve.page)).not.toBe(card.id)
  await eve.page.keyboard.press('Escape')
  await eve.page.mouse.dblclick(onEve.x, onEve.y)
  expect(await editingOn(eve.page)).not.toBe(card.id)
  await eve.page.keyboard.press('Escape')
  await eve.page.keyboard.press('Escape')

  // Dan finishes; now Eve can edit, and nothing either typed is lost.
  await dan.page.keyboard.type(' users')
  await dan.page.keyboard.press('Escape')
  await dan.waitSynced()
  await expect.poll(async () => (await eve.shape(card.id))?.text).toBe('Checkout for mobile users')
  await expect
    .poll(async () => {
      await eve.page.keyboard.press('Escape')
      await eve.page.mouse.click(onEve.x, onEve.y)
      await eve.page.keyboard.press('Enter')
      return editingOn(eve.page)
    }, { message: "Eve can edit once Dan's claim is gone" })
    .toBe(card.id)
  // (Enter opens the text all selected; reopen by double-click, as Dan did, to add at the end.)
  await eve.page.keyboard.press('Escape')
  await eve.page.keyboard.press('Escape')
  await eve.page.mouse.dblclick(onEve.x, onEve.y)
  await expect.poll(() => editingOn(eve.page)).toBe(card.id)
  await eve.page.keyboard.press('End')
  await eve.page.keyboard.type(' in the UK')
  await eve.page.keyboard.press('Escape')
  await eve.waitSynced()
  await expect.poll(async () => (await dan.shape(card.id))?.text).toBe('Checkout for mobile users in the UK')
})
