/**
 * Presence after a dropped socket, for a person who does not move the mouse. The server broadcasts
 * the removal of a closed socket's awareness state one clock step ahead of it, and a client whose
 * socket closed removes everyone else the same way; a state re-sent with its old clock is ignored
 * (y-protocols), so without the client's re-announce an idle person stayed missing until their 15 s
 * awareness renewal. The bound here is well under that renewal.
 */
import type { Actor } from '../fixtures/actor.js'
import { expect, test } from '../fixtures/test.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'

/** Well under the 15 s awareness renewal that used to bring an idle person back. */
const BACK_WITHIN_MS = 5_000

const peopleCount = (viewer: Actor) => viewer.page.getByTestId('people-button')

/** Names of the collaborators (tldraw presence records) on `viewer`'s page. */
const collaboratorNames = (viewer: Actor) =>
  viewer.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getCollaborators().map((c) => c.userName))

async function expectSeesBoth(viewer: Actor, other: Actor, timeout?: number) {
  await expect(peopleCount(viewer), `${viewer.name} counts ${other.name} again`).toHaveAttribute('data-count', '2', { timeout })
  await expect
    .poll(() => collaboratorNames(viewer), { timeout, message: `${viewer.name} has ${other.name}'s presence` })
    .toContain(other.name)
}

// Either side's socket may drop: the one who comes back, or the one who watches (B drops everyone
// else when its own socket closes, and on rejoining the server sends A's unchanged state).
for (const [title, dropping] of [
  ["an idle person's socket drops and comes back: the others see them again within seconds", 'a'],
  ["a person's own socket drops and comes back: they see the idle others again within seconds", 'b'],
] as const) {
  test(title, async ({ board, actor }) => {
    const a = await actor('Ann Idle')
    const b = await actor('Ben')
    await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])
    await expectSeesBoth(b, a)

    // A never touches the mouse.
    const drops = dropping === 'a' ? a : b
    await drops.goOffline()
    await expect(peopleCount(b), 'B counts one person while the socket is down').toHaveAttribute('data-count', '1')
    await drops.goOnline()
    await drops.waitStatus('live')
    await expectSeesBoth(b, a, BACK_WITHIN_MS)
  })
}
