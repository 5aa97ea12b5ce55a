import { expect, test } from '../fixtures/test.js'

test("B sees A's cursor with A's name where A's mouse is", async ({ board, actor }) => {
  const a = await actor('Alice Cursor')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // Both cameras start at the same place on the same-sized viewport, so A's cursor should show on
  // B's screen where A's mouse is. A keeps moving (tldraw hides idle collaborators) while we look.
  const target = await a.canvasPoint(0.5, 0.5)
  const cursor = b.page.locator('.tl-collaborator__cursor').filter({ has: b.page.locator('.tl-nametag', { hasText: 'Alice Cursor' }) })
  let wiggle = 0
  await expect
    .poll(
      async () => {
        wiggle = (wiggle + 1) % 2
        await a.page.mouse.move(target.x + wiggle, target.y)
        return cursor.count()
      },
      { message: "B shows a collaborator cursor labelled with A's name" }
    )
    .toBe(1)
  await expect(cursor.locator('.tl-nametag')).toHaveText('Alice Cursor')

  // The cursor's position on B's screen follows A's mouse: the element's origin is the cursor tip.
  await expect
    .poll(async () => {
      const box = await cursor.boundingBox()
      return box ? Math.hypot(box.x - target.x, box.y - target.y) : Infinity
    })
    .toBeLessThan(30)

  const moved = await a.canvasPoint(0.2, 0.8)
  await a.page.mouse.move(moved.x, moved.y, { steps: 5 })
  await expect
    .poll(async () => {
      const box = await cursor.boundingBox()
      return box ? Math.hypot(box.x - moved.x, box.y - moved.y) : Infinity
    }, { message: "A's cursor moves on B's screen" })
    .toBeLessThan(30)
})
