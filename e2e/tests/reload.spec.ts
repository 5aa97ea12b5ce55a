import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

test('reload keeps the board; a fresh browser sees it too', async ({ board, actor }) => {
  const a = await actor('Alice')
  await a.openBoard(board.id)

  await a.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.createShape({ type: 'geo', x: 100, y: 100, props: { w: 160, h: 90, geo: 'ellipse' } })
    editor.createShape({ type: 'geo', x: 400, y: 120, props: { w: 120, h: 120 } })
    editor.createShape({ type: 'arrow', x: 120, y: 300 })
  })
  await expect.poll(async () => (await a.shapes()).length).toBe(3)
  await a.waitSynced()
  const original = (await a.shapes()).sort((x, y) => x.id.localeCompare(y.id))

  await a.page.reload()
  await a.waitForEditor()
  await a.waitSynced()
  await expect.poll(async () => (await a.shapes()).sort((x, y) => x.id.localeCompare(y.id))).toEqual(original)
  await expect(a.page.getByTestId('sync-state')).toHaveAttribute('data-shapes', '3')

  // A new context has no IndexedDB copy: this can only come from the server.
  const c = await actor('Carol')
  await c.openBoard(board.id)
  await expect.poll(async () => (await c.shapes()).sort((x, y) => x.id.localeCompare(y.id))).toEqual(original)
})
