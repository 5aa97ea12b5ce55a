/**
 * Snapshots through the History UI: A saves one, then deletes a shape; the snapshot URL shows the OLD
 * board read-only (edits refused) while the live board has moved on; "Compare with now" lists the
 * removal; restoring through the UI brings the shape back for B, live.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.js'
import { postBoard } from '../fixtures/api.js'

interface MiniEditor {
  getCurrentPageShapes(): Array<{ id: string; type: string }>
  getInstanceState(): { isReadonly: boolean }
  deleteShapes(ids: string[]): unknown
}
type SnapWindow = Window & { __overlap?: { editor: MiniEditor }; __overlapSnapshot?: { editor: MiniEditor } }

async function createTemplateBoard(baseURL: string, name: string): Promise<string> {
  return (await createTemplateBoardWithTokens(baseURL, name)).id
}
async function createTemplateBoardWithTokens(baseURL: string, name: string) {
  return postBoard(baseURL, { name, template: 'problem-web' })
}

const liveIds = (page: Page) =>
  page.evaluate(() => (window as SnapWindow).__overlap!.editor.getCurrentPageShapes().map((s) => s.id).sort())
const snapshotIds = (page: Page) =>
  page.evaluate(() => (window as SnapWindow).__overlapSnapshot!.editor.getCurrentPageShapes().map((s) => s.id).sort())

test('snapshots: save in History, view the old board read-only, compare, restore live for another user', async ({ actor, baseURL }) => {
  const created = await createTemplateBoardWithTokens(baseURL!, 'e2e snapshots')
  const boardId = created.id
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(boardId), b.openBoard(boardId)])
  const original = await liveIds(a.page)
  expect(original.length).toBeGreaterThan(5)

  // A saves a named snapshot through the panel; it is listed with its author and counts.
  await a.page.getByTestId('history-button').click()
  await expect(a.page.getByTestId('history-panel')).toBeVisible()
  await a.page.getByTestId('snapshot-name').fill('Before the cut')
  await a.page.getByTestId('snapshot-save').click()
  const item = a.page.getByTestId('snapshot-item').filter({ hasText: 'Before the cut' })
  await expect(item).toHaveCount(1)
  await expect(item).toContainText('Alice')
  await expect(item).toHaveAttribute('data-kind', 'manual')
  await expect(item.getByTestId('snapshot-summary')).toContainText(`${original.length} shapes`)
  const snapshotId = (await item.getAttribute('data-snapshot-id'))!
  expect(snapshotId).toBeTruthy()
  await expect(item.getByTestId('snapshot-open')).toHaveAttribute('href', `/b/${boardId}/s/${snapshotId}`)

  // Then A deletes a card; B sees it go.
  const victim = await a.page.evaluate(() => {
    const editor = (window as SnapWindow).__overlap!.editor
    const note = editor.getCurrentPageShapes().find((s) => s.type === 'note')!
    editor.deleteShapes([note.id])
    return note.id
  })
  await a.waitSynced()
  await expect.poll(() => liveIds(b.page), { message: 'B sees the deletion' }).not.toContain(victim)

  // "Compare with now" lists the removed card.
  await item.getByTestId('snapshot-compare').click()
  await expect(a.page.getByTestId('compare-panel')).toBeVisible()
  await expect(a.page.locator(`[data-testid="compare-item"][data-shape-id="${victim}"]`)).toHaveAttribute('data-change', 'removed')

  // Two snapshots: a second one after the cut, compared with the one before it.
  await a.page.getByTestId('snapshot-name').fill('After the cut')
  await a.page.getByTestId('snapshot-save').click()
  const second = a.page.getByTestId('snapshot-item').filter({ hasText: 'After the cut' })
  await expect(second).toHaveCount(1)
  await second.getByTestId('snapshot-compare-previous').click()
  await expect(a.page.getByTestId('compare-panel')).toContainText('“Before the cut” → “After the cut”')
  await expect(a.page.locator(`[data-testid="compare-item"][data-shape-id="${victim}"]`)).toHaveAttribute('data-change', 'removed')

  // The snapshot page (a third tab of A's) shows the OLD board, read-only, with no sync connection.
  const view = await a.context.newPage()
  await view.goto(`/b/${boardId}/s/${snapshotId}`)
  await expect(view.getByTestId('snapshot-banner')).toContainText('Before the cut')
  await expect(view.getByTestId('snapshot-banner')).toContainText('read-only')
  await view.waitForFunction(() => (window as SnapWindow).__overlapSnapshot?.editor !== undefined)
  expect(await snapshotIds(view)).toEqual(original)
  expect(await view.evaluate(() => (window as SnapWindow).__overlapSnapshot!.editor.getInstanceState().isReadonly)).toBe(true)
  // Drawing a rectangle is refused.
  const canvas = (await view.locator('.tl-canvas').first().boundingBox())!
  await view.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2)
  await view.keyboard.press('r')
  await view.mouse.down()
  await view.mouse.move(canvas.x + canvas.width / 2 + 120, canvas.y + canvas.height / 2 + 90, { steps: 5 })
  await view.mouse.up()
  expect(await snapshotIds(view)).toEqual(original)
  await expect(view.getByTestId('snapshot-back-link')).toHaveAttribute('href', `/b/${boardId}`)

  // Shared with the VIEW token, the snapshot opens for someone who has never seen the board.
  const stranger = await actor('Stan')
  await stranger.page.goto(`/b/${boardId}/s/${snapshotId}?token=${created.tokens.view}`)
  await stranger.page.waitForFunction(() => (window as SnapWindow).__overlapSnapshot?.editor !== undefined)
  expect(await snapshotIds(stranger.page)).toEqual(original)
  // …while the live board has moved on.
  expect(await liveIds(a.page)).not.toContain(victim)
  await view.close()

  // Restore through the UI (with a confirmation): the card comes back for B without a reload.
  await item.getByTestId('snapshot-restore').click()
  await a.page.getByTestId('restore-confirm-yes').click()
  await expect(a.page.getByTestId('history-notice')).toContainText('Restored')
  await expect.poll(() => liveIds(b.page), { message: 'B sees the restored board' }).toEqual(original)
  await expect.poll(() => liveIds(a.page), { message: 'A sees the restored board' }).toEqual(original)
  // B is told who changed the whole board, and to what; A (who did it) gets no such toast.
  await expect(b.page.locator('.tlui-toast__title').filter({ hasText: 'Alice restored the snapshot “Before the cut”' })).toBeVisible()
  await expect(a.page.locator('.tlui-toast__title').filter({ hasText: 'restored the snapshot' })).toHaveCount(0)

  // The restore is one change of A's: A's undo takes the whole of it back, for B too.
  // The undo button of tldraw's own menu bar (the confirm button that had focus is gone).
  await a.page.getByTestId('quick-actions.undo').click()
  await expect.poll(() => liveIds(b.page), { message: 'B sees the restore undone' }).not.toContain(victim)
  await expect.poll(() => liveIds(a.page), { message: 'A sees the restore undone' }).not.toContain(victim)
})
