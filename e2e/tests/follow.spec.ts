import { sameView, viewOf } from '../fixtures/camera.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

test("B follows A: A pans and zooms, B's camera follows", async ({ board, actor }) => {
  const a = await actor('Alice Leader')
  const b = await actor('Bob Follower')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // Find A among B's collaborators (A's presence must have arrived: keep A's mouse moving).
  const centre = await a.canvasPoint(0.5, 0.5)
  let nudge = 0
  let leaderId: string | null = null
  await expect
    .poll(
      async () => {
        nudge = (nudge + 1) % 2
        await a.page.mouse.move(centre.x + nudge, centre.y)
        leaderId = await b.page.evaluate(
          (name) => (window as OverlapWindow).__overlap!.editor.getCollaborators().find((c) => c.userName === name)?.userId ?? null,
          a.name
        )
        return leaderId
      },
      { message: 'B knows A as a collaborator' }
    )
    .not.toBeNull()

  // Follow through tldraw's people menu: the face pile, then the follow button on A's row.
  await b.page.locator('.tlui-people-menu__avatars-button').click()
  const row = b.page.locator('.tlui-people-menu__item').filter({ has: b.page.locator('.tlui-people-menu__name', { hasText: a.name }) })
  await row.locator('.tlui-people-menu__item__follow').click()
  await b.page.keyboard.press('Escape') // close the menu; following continues
  // tldraw's own way out of following someone by choice.
  await expect(b.page.getByTestId('helper-buttons.stop-following')).toBeVisible()
  await expect
    .poll(() => b.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getInstanceState().followingUserId))
    .toBe(leaderId)

  // A pans with the mouse wheel and zooms with Ctrl+wheel (real input).
  const before = await viewOf(a.page)
  await a.page.mouse.move(centre.x, centre.y)
  for (let i = 0; i < 4; i++) await a.page.mouse.wheel(250, 180)
  await a.page.keyboard.down('Control')
  for (let i = 0; i < 3; i++) await a.page.mouse.wheel(0, -100)
  await a.page.keyboard.up('Control')

  await expect.poll(async () => viewOf(a.page), { message: 'A really panned and zoomed' }).not.toEqual(before)
  const leader = await viewOf(a.page)
  expect(Math.hypot(leader.cx - before.cx, leader.cy - before.cy)).toBeGreaterThan(200)
  expect(leader.zoom).toBeGreaterThan(before.zoom * 1.1)

  // Same viewport size, so B should show the same centre at the same zoom (after its easing).
  await expect
    .poll(
      async () => {
        const [l, f] = await Promise.all([viewOf(a.page), viewOf(b.page)])
        return sameView(l, f)
      },
      { message: "B's viewport centre and zoom match A's" }
    )
    .toBe(true)
  expect(await b.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getInstanceState().followingUserId)).toBe(leaderId)
})
