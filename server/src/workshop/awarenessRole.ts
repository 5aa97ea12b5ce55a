/**
 * [WS10] An awareness state may claim a role in its `overlap` field (awareness.ts); the claim must not
 * be above the role of the socket that sent it, so a participant cannot pose as the facilitator to
 * summon everyone or present. A claim below it passes: a facilitator whose page opened offline could
 * not look its role up and shows as an editor until it reloads — its cursor must still reach people. States without an `overlap` field (unmodified y-websocket clients) claim
 * nothing and pass; a removal (null state) passes.
 *
 * Echoes pass too: the y-websocket client re-sends every awareness change it RECEIVES (its handler
 * does not look at the origin), so each participant sends the facilitator's state back to the server.
 * An entry whose clock is not newer than the one the room already has changes nothing when applied,
 * so it is not a claim; only entries that would change the room's awareness are checked.
 */
import { claimedRole, type Role } from '@overlap/shared'

const RANK: Record<Role, number> = { view: 0, edit: 1, facilitator: 2 }
import type { AwarenessEntry } from '../rooms/messages.js'

/**
 * Why this awareness message must be dropped, or null when every claim that would be applied matches
 * `role`. `knownClock(clientId)`: the clock the room's awareness has for that client, if any.
 */
export function falseRoleClaim(
  entries: readonly AwarenessEntry[],
  role: Role,
  knownClock: (clientId: number) => number | undefined
): string | null {
  for (const { clientId, clock, state } of entries) {
    // null: a removal; undefined: a state the room drops anyway ([S8]).
    if (state === null || state === undefined) continue
    const known = knownClock(clientId)
    if (known !== undefined && clock <= known) continue
    const claim = claimedRole(state)
    if (claim === null || (claim !== 'unreadable' && RANK[claim] <= RANK[role])) continue
    return `awareness client ${clientId} claims role ${JSON.stringify(claim)} on a ${role} connection`
  }
  return null
}
