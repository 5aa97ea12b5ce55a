import { chromiumLaunchOptions } from '../chromium.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

// The offline reload serves the page from a recorded app shell (fixtures/network.ts). Chromium
// blocks a page fulfilled that way (it has no server address, so counts as "public") from opening
// a socket to 127.0.0.1 under Local Network Access; that check is about the test's interception,
// not the app, so it is switched off for this file only.
test.use({ launchOptions: chromiumLaunchOptions(['--disable-features=LocalNetworkAccessChecks']) })

test('an offline edit survives a reload while offline (IndexedDB) and reaches B later', async ({ board, actor }) => {
  const a = await actor('Alice', { cacheAppShell: true })
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  await a.goOffline()
  const created = await a.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.createShape({ type: 'geo', x: 200, y: 150, props: { w: 180, h: 100, geo: 'diamond' } })
    return editor.getCurrentPageShapes().map((s) => s.id)
  })
  expect(created).toHaveLength(1)
  await a.waitStatus('offline', (n) => n > 0)

  // Reload with the network still down: the board can only come back from IndexedDB.
  await a.page.reload()
  await a.waitForEditor()
  const afterReload = await a.waitStatus('offline', (n) => n > 0)
  expect(afterReload.pending).toBeGreaterThan(0)
  await expect.poll(async () => (await a.shapes()).map((s) => s.id)).toEqual(created)
  expect(await b.shapes()).toEqual([])

  await a.goOnline()
  await a.waitSynced()
  await expect
    .poll(async () => (await b.shapes()).map((s) => s.id), { message: "B sees the shape A made offline before reloading" })
    .toEqual(created)
  const shape = (await b.shapes())[0]
  expect(shape.type).toBe('geo')
})
