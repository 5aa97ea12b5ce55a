/**
 * The people panel and emoji reactions with three actors (facilitator, participant, viewer) on their
 * own board: each sees the others with role and side; clicking a person follows them; a reaction
 * sent by the viewer floats on the others' canvases.
 */
import { followingOf } from '../fixtures/camera.js'
import { tokensFor } from '../fixtures/api.js'
import { expect, test } from '../fixtures/test.js'

const SIDE_LABEL = { product: 'Product', engineering: 'Engineering', design: 'Design', other: 'Other' } as const

test('[WS11] people panel: everyone present with name, role, side and status (away when the tab hides); click follows, again stops', async ({ board, actor }) => {
  const fac = await actor('Fay Facilitator')
  const par = await actor('Pat Participant')
  const vie = await actor('Vic Viewer')
  await Promise.all([fac.openBoard(board.id, 'facilitator'), par.openBoard(board.id, 'edit'), vie.openBoard(board.id, 'view')])

  await expect(par.page.getByTestId('people-button')).toHaveAttribute('data-count', '3')
  await par.page.getByTestId('people-button').click()
  const panel = par.page.getByTestId('people-panel')
  await expect(panel).toBeVisible()
  const row = (a: typeof fac) => panel.locator(`[data-testid="person-row"][data-user-id="${a.identity.id}"]`)

  for (const [who, role] of [
    [fac, 'Facilitator'],
    [vie, 'Viewer'],
    [par, 'Editor'],
  ] as const) {
    await expect(row(who).getByTestId('person-name')).toContainText(who.name)
    await expect(row(who).getByTestId('person-role')).toHaveText(role)
    await expect(row(who).getByTestId('person-side')).toHaveText(SIDE_LABEL[who.identity.side])
    await expect(row(who)).toHaveAttribute('data-status', 'active')
  }
  await expect(row(par).getByTestId('person-name')).toContainText('(you)')
  await expect(panel.getByTestId('person-row')).toHaveCount(3)

  // Click the facilitator: follow them; click again: stop.
  await row(fac).click()
  await expect.poll(() => followingOf(par.page)).toBe(`user:${fac.identity.id}`)
  await expect(row(fac)).toHaveAttribute('data-following', 'true')
  await row(fac).click()
  await expect.poll(() => followingOf(par.page)).toBeNull()

  // Follow the viewer, then Escape (panel closes first, second Escape stops following).
  await row(vie).click()
  await expect.poll(() => followingOf(par.page)).toBe(`user:${vie.identity.id}`)
  await par.page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)
  await par.page.keyboard.press('Escape')
  await expect.poll(() => followingOf(par.page)).toBeNull()

  // The viewer's tab goes to the background (as the browser reports it): away; back: active.
  const setHidden = (hidden: boolean) =>
    vie.page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h })
      document.dispatchEvent(new Event('visibilitychange'))
    }, hidden)
  await par.page.getByTestId('people-button').click()
  await setHidden(true)
  await expect(row(vie)).toHaveAttribute('data-status', 'away')
  await expect(row(vie).getByTestId('person-status')).toHaveText('Away')
  await setHidden(false)
  await expect(row(vie)).toHaveAttribute('data-status', 'active')
  // Like any menu, a press outside the panel closes it.
  await par.page.mouse.click(640, 500)
  await expect(par.page.getByTestId('people-panel')).toHaveCount(0)

  // The viewer leaves: the others' count drops.
  await vie.close()
  await expect(fac.page.getByTestId('people-button')).toHaveAttribute('data-count', '2')
})

test('[WS14] a reaction sent by the viewer floats on the other pages, then goes', async ({ board, actor }) => {
  const fac = await actor('Fay Facilitator')
  const par = await actor('Pat Participant')
  const vie = await actor('Vic Viewer')
  await Promise.all([fac.openBoard(board.id, 'facilitator'), par.openBoard(board.id, 'edit'), vie.openBoard(board.id, 'view')])
  await expect(par.page.getByTestId('people-button')).toHaveAttribute('data-count', '3')

  await vie.page.getByTestId('reaction-button').click()
  await vie.page.locator('[data-testid="reaction-option"][data-emoji="🎉"]').click()

  for (const a of [par, fac, vie]) {
    const float = a.page.locator('[data-testid="reaction-float"][data-emoji="🎉"]')
    await expect(float, `${a.name} sees the reaction`).toHaveCount(1)
    await expect(float).toContainText(vie.name)
  }
  // Ephemeral: gone again after its few seconds (the sender clears it and receivers drop it).
  await expect(par.page.getByTestId('reaction-float')).toHaveCount(0, { timeout: 10_000 })
})

test('[A9] a newcomer opening a link gives a name and picks a side before the board opens; the others see both', async ({ board, actor }) => {
  const fac = await actor('Fay Facilitator')
  const newcomer = await actor('Nia Newcomer', { newcomer: true })
  await fac.openBoard(board.id, 'facilitator')

  await newcomer.page.goto(`/b/${board.id}?token=${tokensFor(board.id).edit}`)
  const name = newcomer.page.getByTestId('identity-name')
  await expect(name).toBeVisible()
  // A name alone is not enough: the side is asked for too.
  await name.fill('Nia Newcomer')
  await expect(newcomer.page.getByTestId('identity-save')).toBeDisabled()
  await newcomer.page.getByTestId('identity-side').selectOption('engineering')
  await newcomer.page.getByTestId('identity-save').click()
  await newcomer.waitForEditor()
  await newcomer.waitSynced()

  await fac.page.getByTestId('people-button').click()
  const row = fac.page.getByTestId('person-row').filter({ hasText: 'Nia Newcomer' })
  await expect(row.getByTestId('person-role')).toHaveText('Editor')
  await expect(row.getByTestId('person-side')).toHaveText('Engineering')
  // Kept in this browser: a reload asks nothing.
  await newcomer.page.reload()
  await newcomer.waitForEditor()
  await expect(newcomer.page.getByTestId('identity-name')).toHaveCount(0)

  // The name chip edits it: Escape cancels (nothing changes), Save renames for everyone.
  await newcomer.page.getByTestId('identity-edit').click()
  await expect(newcomer.page.getByTestId('identity-name')).toHaveValue('Nia Newcomer')
  await newcomer.page.locator('.tl-canvas').focus()
  await newcomer.page.keyboard.press('Escape')
  await expect(newcomer.page.getByTestId('identity-name')).toHaveCount(0)
  await expect(newcomer.page.getByTestId('identity-edit')).toHaveText('Nia Newcomer')
  await newcomer.page.getByTestId('identity-edit').click()
  await newcomer.page.getByTestId('identity-name').fill('Nia N.')
  await newcomer.page.getByTestId('identity-save').click()
  await expect(newcomer.page.getByTestId('identity-edit')).toHaveText('Nia N.')
  await expect(fac.page.getByTestId('person-row').filter({ hasText: 'Nia N.' })).toHaveCount(1)
})
