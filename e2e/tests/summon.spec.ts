/**
 * Summon ("Bring everyone to me") through the real UI with three actors on their own board: a
 * facilitator, a participant (edit link) and a viewer. Both follow the facilitator's viewport; the
 * participant breaks away and stays put while the facilitator moves on; "Stop" ends it for everyone.
 */
import { followingOf, sameView, setCamera, viewOf, type View } from '../fixtures/camera.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'

const FOLLOW_TIMEOUT_MS = 15_000

test('[WS12] summon: participant and viewer follow the facilitator; break away sticks; Stop ends it', async ({ board, actor }) => {
  const fac = await actor('Fay Facilitator')
  const par = await actor('Pat Participant')
  const vie = await actor('Vic Viewer')
  await Promise.all([fac.openBoard(board.id, 'facilitator'), par.openBoard(board.id, 'edit'), vie.openBoard(board.id, 'view')])
  const leaderTlId = `user:${fac.identity.id}`

  // Only a facilitator gets the button.
  await expect(par.page.getByTestId('summon-start')).toHaveCount(0)
  await expect(vie.page.getByTestId('summon-start')).toHaveCount(0)

  // The facilitator goes far away and zooms in, then summons everyone.
  await setCamera(fac.page, { x: -6000, y: 4000, z: 1.6 })
  const far = await viewOf(fac.page)
  expect(Math.hypot(far.cx - (await viewOf(par.page)).cx, far.cy - (await viewOf(par.page)).cy)).toBeGreaterThan(3000)
  await fac.page.getByTestId('summon-start').click()
  await expect(fac.page.getByTestId('summon-stop')).toBeVisible()

  for (const follower of [par, vie]) {
    await expect(follower.page.getByTestId('summon-banner')).toContainText('Following Fay Facilitator (facilitator)')
    // One way out: the banner's "Break away", not also tldraw's "Stop following" beside it.
    await expect(follower.page.getByTestId('helper-buttons.stop-following')).toBeHidden()
    await expect
      .poll(async () => sameView(await viewOf(fac.page), await viewOf(follower.page)), {
        timeout: FOLLOW_TIMEOUT_MS,
        message: `${follower.name}'s viewport converges to the facilitator's`,
      })
      .toBe(true)
    expect(await followingOf(follower.page)).toBe(leaderTlId)
  }
  // The summoner follows nobody and sees no banner.
  await expect(fac.page.getByTestId('summon-banner')).toHaveCount(0)
  expect(await followingOf(fac.page)).toBeNull()

  // The participant breaks away: no longer following, and offered to rejoin.
  await par.page.getByTestId('summon-break-away').click()
  await expect(par.page.getByTestId('summon-banner')).toHaveCount(0)
  await expect(par.page.getByTestId('summon-rejoin-banner')).toContainText('Fay Facilitator')
  expect(await followingOf(par.page)).toBeNull()
  const parked = await viewOf(par.page)

  // The facilitator moves again; the move really happened (facilitator side) and reached peers (the
  // viewer, still following, converges to it) …
  await setCamera(fac.page, { x: 9000, y: -7000, z: 0.7 })
  await expect.poll(async () => sameView(await viewOf(fac.page), far), { message: 'the facilitator moved' }).toBe(false)
  const moved = await viewOf(fac.page)
  await expect
    .poll(async () => sameView(moved, await viewOf(vie.page)), { timeout: FOLLOW_TIMEOUT_MS, message: 'the viewer followed the second move' })
    .toBe(true)
  // … yet the participant who broke away stayed exactly where they were.
  const still: View = await viewOf(par.page)
  expect(sameView(parked, still, 0.5)).toBe(true)
  expect(await followingOf(par.page)).toBeNull()

  // The facilitator stops: the viewer's banner goes and it stops following; the rejoin offer goes too.
  await fac.page.getByTestId('summon-stop').click()
  await expect(vie.page.getByTestId('summon-banner')).toHaveCount(0)
  await expect.poll(() => followingOf(vie.page)).toBeNull()
  await expect(par.page.getByTestId('summon-rejoin-banner')).toHaveCount(0)
  await expect(fac.page.getByTestId('summon-start')).toBeVisible()
})

test('[WS13] presenting: participants and viewers see the slide and follow each step; Escape ends', async ({ board, actor }) => {
  const fac = await actor('Fay Facilitator')
  const par = await actor('Pat Participant')
  const vie = await actor('Vic Viewer')
  await Promise.all([fac.openBoard(board.id, 'facilitator'), par.openBoard(board.id, 'edit'), vie.openBoard(board.id, 'view')])

  // Two frames side by side (reading order: left, then right), far apart.
  await fac.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.createShape({ type: 'frame', x: 3000, y: 0, props: { w: 800, h: 500, name: 'Right' } })
    editor.createShape({ type: 'frame', x: 0, y: 0, props: { w: 800, h: 500, name: 'Left' } })
  })
  await fac.waitSynced()
  await expect.poll(async () => (await par.shapes()).filter((s) => s.type === 'frame').length).toBe(2)

  await fac.page.getByTestId('present-start').click()
  await expect(fac.page.getByTestId('present-status')).toHaveText('Slide 1 of 2 — Left')
  await expect(par.page.getByTestId('summon-banner')).toContainText('Presenting: slide 1 of 2 — Left')
  await expect(vie.page.getByTestId('summon-banner')).toContainText('Presenting: slide 1 of 2 — Left')
  // Page-space centres of the two frames.
  const LEFT_CX = 400
  const RIGHT_CX = 3400
  for (const a of [par, vie]) {
    await expect
      .poll(async () => Math.abs((await viewOf(a.page)).cx - LEFT_CX), { timeout: FOLLOW_TIMEOUT_MS, message: `${a.name} on slide 1` })
      .toBeLessThan(5)
  }

  // Arrow key → next slide, on both sides.
  await fac.page.keyboard.press('ArrowRight')
  await expect(fac.page.getByTestId('present-status')).toHaveText('Slide 2 of 2 — Right')
  await expect(par.page.getByTestId('summon-banner')).toContainText('Presenting: slide 2 of 2 — Right')
  for (const a of [par, vie]) {
    await expect
      .poll(async () => Math.abs((await viewOf(a.page)).cx - RIGHT_CX), { timeout: FOLLOW_TIMEOUT_MS, message: `${a.name} on slide 2` })
      .toBeLessThan(5)
  }

  await fac.page.keyboard.press('Escape')
  await expect(fac.page.getByTestId('presenter-bar')).toHaveCount(0)
  await expect(par.page.getByTestId('summon-banner')).toHaveCount(0)
  await expect(vie.page.getByTestId('summon-banner')).toHaveCount(0)
})
