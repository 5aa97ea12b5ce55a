import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

test('A edits offline, sees the unsaved count, comes back; B gets the edits', async ({ board, actor }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  await a.goOffline() // waits for data-status=offline (see fixtures/network.ts for how)
  expect(await a.page.evaluate(() => (window as OverlapWindow).__overlap!.provider.wsconnected)).toBe(false)

  // Real UI edits while offline: two rectangles.
  for (const [fx, fy] of [
    [0.1, 0.1],
    [0.6, 0.5],
  ] as const) {
    const from = await a.canvasPoint(fx, fy)
    await a.page.keyboard.press('r')
    await a.page.mouse.move(from.x, from.y)
    await a.page.mouse.down()
    await a.page.mouse.move(from.x + 120, from.y + 80, { steps: 5 })
    await a.page.mouse.up()
    await a.page.keyboard.press('Escape')
  }
  await expect.poll(async () => (await a.shapes()).length).toBe(2)

  const offline = await a.waitStatus('offline', (n) => n > 0)
  await expect(a.page.getByTestId('sync-state')).toContainText(`Offline — ${offline.pending} unsaved change`)
  // B must not have them: they have nowhere to go.
  expect(await b.shapes()).toEqual([])

  await a.goOnline()
  await a.waitSynced() // the client reconnects by itself; pending back to 0
  const mine = (await a.shapes()).sort((x, y) => x.id.localeCompare(y.id))
  await expect
    .poll(async () => (await b.shapes()).sort((x, y) => x.id.localeCompare(y.id)), { message: "B sees A's offline edits" })
    .toEqual(mine)
})
