/**
 * [WS10] An awareness state may claim a role in its `overlap` field (awareness.ts); the claim must be
 * the role of the socket that sent it, so a participant cannot pose as the facilitator to summon
 * everyone or present. States without an `overlap` field (unmodified y-websocket clients) claim
 * nothing and pass; a removal (null state) passes.
 */
import { claimedRole, type Role } from '@overlap/shared'
import type { AwarenessEntry } from '../rooms/messages.js'

/** Why this awareness message must be dropped, or null when every claim matches `role`. */
export function falseRoleClaim(entries: readonly AwarenessEntry[], role: Role): string | null {
  for (const { clientId, state } of entries) {
    if (state === null) continue
    const claim = claimedRole(state)
    if (claim === null || claim === role) continue
    return `awareness client ${clientId} claims role ${JSON.stringify(claim)} on a ${role} connection`
  }
  return null
}
