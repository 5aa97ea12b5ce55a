/**
 * Roles and links ([A5], [A6], [A8] in shared/SPEC.md) through the real UI: a viewer cannot edit and
 * sees edits live; a rotated link drops its holder to the "no longer valid" page.
 */
import { expectMenuDismisses } from '../fixtures/menus.js'
import { expect, test } from '../fixtures/test.js'

type RoleWindow = Window & {
  __overlap?: {
    editor: { getInstanceState(): { isReadonly: boolean }; getCollaborators(): Array<{ userName: string; meta: Record<string, unknown> }> }
    doc: { getMap(name: string): { has(key: string): boolean } }
  }
}

test('[A5] a viewer cannot draw (r + drag creates nothing, editor read-only) and sees the editor’s changes live', async ({ board, actor }) => {
  const editor = await actor('Eve')
  const viewer = await actor('Vic')
  // The server answers a viewer's write with "permission denied", which y-websocket logs.
  const denied: string[] = []
  viewer.page.on('console', (msg) => {
    if (msg.text().includes('Permission denied')) denied.push(msg.text())
  })
  await Promise.all([editor.openBoard(board.id), viewer.openBoard(board.id, 'view')])

  await expect(viewer.page.getByTestId('view-only-badge')).toHaveText('View only')
  await expect(editor.page.getByTestId('view-only-badge')).toHaveCount(0)
  expect(await viewer.page.evaluate(() => (window as RoleWindow).__overlap!.editor.getInstanceState().isReadonly)).toBe(true)

  // The viewer tries the rectangle tool: nothing is created, locally or for anyone.
  const from = await viewer.canvasPoint(0.1, 0.2)
  const to = await viewer.canvasPoint(0.35, 0.6)
  await viewer.drawRectangle(from, to)
  expect(await viewer.shapes()).toEqual([])

  // The editor draws; the viewer sees it arrive.
  const a = await editor.canvasPoint(0.5, 0.3)
  const b = await editor.canvasPoint(0.7, 0.6)
  await editor.drawRectangle(a, b)
  await editor.waitSynced()
  await expect.poll(async () => (await viewer.shapes()).map((s) => s.type), { message: 'the viewer sees the rectangle' }).toEqual(['geo'])
  // Only the editor's shape exists anywhere.
  expect((await editor.shapes()).map((s) => s.type)).toEqual(['geo'])

  // [A9] The viewer's presence (relayed like anyone's) carries the side it picked.
  await expect
    .poll(() =>
      editor.page.evaluate(() =>
        (window as RoleWindow).__overlap!.editor.getCollaborators().map((c) => ({ name: c.userName, side: c.meta.side }))
      )
    )
    .toContainEqual({ name: viewer.name, side: viewer.identity.side })

  // The viewer wrote nothing, not even its own `user:` record (tldraw attribution): its doc lacks it
  // while the editor's has the editor's, and the server never had to refuse a write.
  const hasUserRecord = (page: typeof viewer.page, userId: string) =>
    page.evaluate((id) => (window as RoleWindow).__overlap!.doc.getMap('records').has(id), `user:${userId}`)
  expect(await hasUserRecord(editor.page, editor.identity.id)).toBe(true)
  expect(await hasUserRecord(viewer.page, viewer.identity.id)).toBe(false)
  expect(denied).toEqual([])
})

test('[A6] the facilitator rotates the edit link from the Share menu; the editor’s page says the link is no longer valid', async ({ board, actor }) => {
  const facilitator = await actor('Fay')
  const editor = await actor('Ed')
  await Promise.all([facilitator.openBoard(board.id, 'facilitator'), editor.openBoard(board.id)])

  // This browser did not create the board (the API did): it knows only its own link, and says so.
  await facilitator.page.getByTestId('share-button').click()
  await expect(facilitator.page.getByTestId('share-copy-edit')).toBeDisabled()
  await expect(facilitator.page.getByTestId('share-unknown-links')).toBeVisible()
  await facilitator.page.keyboard.press('Escape')
  // Like every menu, Escape closes it, and so does a press outside it.
  await expectMenuDismisses(facilitator.page, { button: 'share-button', menu: 'share-menu' })

  await facilitator.page.getByTestId('share-button').click()
  await facilitator.page.getByTestId('share-rotate-edit').click()
  // The new edit link is now known to this browser and can be copied.
  await expect(facilitator.page.getByTestId('share-copy-edit')).toBeEnabled()

  await expect(editor.page.getByTestId('link-invalid')).toContainText('ask the facilitator for a new one')
  // The facilitator is unaffected.
  await facilitator.waitSynced()
  // Reopening with the old link shows the same page (HTTP 401), no reconnect loop.
  await editor.page.reload()
  await expect(editor.page.getByTestId('link-invalid')).toBeVisible()
})

test('[A6] the facilitator rotates their own link: their page moves to the new link and stays live; the old link is refused', async ({ board, actor }) => {
  const facilitator = await actor('Fay')
  await facilitator.openBoard(board.id, 'facilitator')
  const oldUrl = facilitator.page.url()
  const oldToken = new URL(oldUrl).searchParams.get('token')

  await facilitator.page.getByTestId('share-button').click()
  await facilitator.page.getByTestId('share-rotate-facilitator').click()
  await expect.poll(() => new URL(facilitator.page.url()).searchParams.get('token')).not.toBe(oldToken)
  await facilitator.waitForEditor()
  await facilitator.waitSynced()
  await expect(facilitator.page.getByTestId('link-invalid')).toHaveCount(0)
  // Still the facilitator: the facilitator-only Rotate buttons are there, and edits are saved.
  await facilitator.page.getByTestId('share-button').click()
  await expect(facilitator.page.getByTestId('share-rotate-edit')).toBeVisible()
  await facilitator.page.keyboard.press('Escape')
  await facilitator.drawRectangle({ x: 300, y: 300 }, { x: 400, y: 380 })
  await facilitator.waitSynced()
  // A reload keeps the new link (the old token in the URL no longer overrides it).
  await facilitator.page.reload()
  await facilitator.waitForEditor()
  await facilitator.waitSynced()
  // The old facilitator link is refused.
  const res = await fetch(`${new URL(oldUrl).origin}/api/boards/${board.id}`, { headers: { Authorization: `Bearer ${oldToken}` } })
  expect(res.status).toBe(401)
})
