/**
 * The people panel's rows from awareness: one row per person (identity id), however many tabs they
 * have open. A tab without a readable `overlap` field (an older client) still shows, role unknown.
 */
import type { Role, Side } from '@overlap/shared'
import { peerUserId, type PeerState } from './peerState'
import { mergeStatus, personStatus, type PersonStatus } from './personStatus'

export interface Person {
  userId: string
  name: string
  color: string
  role: Role | null
  side: Side | null
  status: PersonStatus
  isSelf: boolean
  /** Awareness client ids of this person's tabs. */
  clientIds: number[]
}

export const ROLE_LABEL: Record<Role, string> = { facilitator: 'Facilitator', edit: 'Editor', view: 'Viewer' }
const ROLE_RANK: Record<Role, number> = { facilitator: 2, edit: 1, view: 0 }

export function peopleFrom(peers: readonly PeerState[], opts: { selfUserId: string; nowMs: number; idleAfterMs?: number }): Person[] {
  const byUser = new Map<string, Person>()
  const named = new Set<string>() // people whose name/colour came from a tab's presence
  for (const peer of peers) {
    const userId = peerUserId(peer)
    // Nothing to show (no name, no role) until a tab has published something.
    if (userId === null) continue
    const status = personStatus({
      away: peer.overlap?.away ?? false,
      lastActivityMs: peer.presence?.lastActivityMs ?? null,
      nowMs: opts.nowMs,
      idleAfterMs: opts.idleAfterMs,
    })
    const role = peer.overlap?.role ?? null
    const existing = byUser.get(userId)
    const hadName = named.has(userId)
    if (peer.presence) named.add(userId)
    if (!existing) {
      byUser.set(userId, {
        userId,
        name: peer.presence?.name ?? 'Someone',
        color: peer.presence?.color ?? '#888888',
        role,
        side: peer.presence?.side ?? null,
        status,
        isSelf: userId === opts.selfUserId,
        clientIds: [peer.clientId],
      })
      continue
    }
    existing.clientIds.push(peer.clientId)
    existing.status = mergeStatus(existing.status, status)
    if (role && (!existing.role || ROLE_RANK[role] > ROLE_RANK[existing.role])) existing.role = role
    if (peer.presence && !hadName) {
      existing.name = peer.presence.name
      existing.color = peer.presence.color
    }
    if (peer.presence) existing.side ??= peer.presence.side
  }
  // You first, then by name: the list must not reshuffle as people move their cursors.
  return [...byUser.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
}
