import type { Page } from '@playwright/test'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

const F1 = 'shape:cycle-frame-1'
const F2 = 'shape:cycle-frame-2'

/** Each frame's page, read in the page itself; a frozen page never answers (and the test fails). */
const framePages = (page: Page) =>
  page.evaluate(
    ([f1, f2]) => {
      const editor = (window as OverlapWindow).__overlap!.editor
      return [editor.getCurrentPageId(), editor.getAncestorPageId(f1!), editor.getAncestorPageId(f2!)]
    },
    [F1, F2]
  )

test('[B19] two people each drag one frame into the other while offline: every tab stays usable and shows both frames', async ({ board, actor }) => {
  const a = await actor('Ana')
  const b = await actor('Ben')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])
  await a.page.evaluate(
    ([f1, f2]) => {
      const editor = (window as OverlapWindow).__overlap!.editor
      editor.createShape({ id: f1!, type: 'frame', x: 0, y: 0, props: { w: 300, h: 200, name: 'Needs' } })
      editor.createShape({ id: f2!, type: 'frame', x: 400, y: 0, props: { w: 300, h: 200, name: 'Constraints' } })
    },
    [F1, F2]
  )
  await a.waitSynced()
  await expect.poll(async () => (await b.shapes()).length).toBe(2)

  // While both are offline, each drops one frame into the other (what a drag onto a frame ends with).
  // One after the other: two contexts switched offline at once sometimes left one of them online.
  await a.goOffline()
  await b.goOffline()
  await a.page.evaluate(([f1, f2]) => void (window as OverlapWindow).__overlap!.editor.reparentShapes([f2!], f1!), [F1, F2])
  await b.page.evaluate(([f1, f2]) => void (window as OverlapWindow).__overlap!.editor.reparentShapes([f1!], f2!), [F1, F2])
  await Promise.all([a.goOnline(), b.goOnline()])
  await Promise.all([a.waitSynced(), b.waitSynced()])

  // The doc now says F1 is inside F2 and F2 inside F1. Both tabs answer, and both frames are on the page.
  for (const actorNow of [a, b]) {
    await expect.poll(async () => {
      const [current, p1, p2] = await framePages(actorNow.page)
      return p1 === current && p2 === current
    }).toBe(true)
  }
  // Someone joining later too, and they can still work on the board.
  const c = await actor('Cleo')
  await c.openBoard(board.id)
  const [current, p1, p2] = await framePages(c.page)
  expect([p1, p2]).toEqual([current, current])
  const at = await c.canvasPoint(0.5, 0.8)
  await c.drawRectangle(at, { x: at.x + 80, y: at.y + 60 })
  await expect.poll(async () => (await a.shapes()).length).toBe(3)
})
