/**
 * [S9] A change larger than the server's message limit (8 MiB here) closes the socket with 4413, and
 * the same change would be sent again on every reconnect: the page says so and offers a way out,
 * which deletes the device's copy of the board and reloads it from the server.
 */
import { expect, test } from '../fixtures/test.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'

test('[S9] a change over the message limit: the page offers to discard it, and after that the board saves again', async ({ actor, board }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])
  const before = (await b.shapes()).length

  // One shape of about 9 MB: one Yjs update, one socket message.
  await a.page.evaluate(() => {
    ;(window as OverlapWindow).__overlap!.editor.createShape({ type: 'geo', x: 0, y: 0, props: { url: `https://example.com/${'x'.repeat(9_000_000)}` } })
  })
  await expect(a.page.getByTestId('too-large-banner')).toBeVisible()

  await a.page.getByTestId('discard-local').click()
  await a.page.waitForFunction(() => (window as OverlapWindow).__overlap?.editor !== undefined)
  await a.waitSynced()
  await expect(a.page.getByTestId('too-large-banner')).toHaveCount(0)
  expect((await a.shapes()).length).toBe(before)

  await a.drawRectangle(await a.canvasPoint(0.3, 0.3), await a.canvasPoint(0.5, 0.5))
  await expect.poll(async () => (await b.shapes()).length, { message: "B gets A's next shape" }).toBe(before + 1)
  await a.waitSynced()
})
