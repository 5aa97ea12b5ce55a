/**
 * Whom a participant follows because a facilitator summoned everyone (or is presenting), given
 * every awareness state and the summon ids this tab broke away from. Pure: the follower
 * (summonFollower.ts) applies the answer to the editor.
 *
 * Only a state whose `overlap.role` is `facilitator` counts: the server drops awareness updates that
 * claim another role than the socket's ([WS10]), so such a state really comes from a facilitator link.
 */
import type { OverlapAwareness } from '@overlap/shared'
import type { PeerState } from './peerState'

export interface SummonTarget {
  summonId: string
  /** Identity id of the facilitator to follow. */
  leaderUserId: string
  leaderClientId: number
  leaderName: string
  presenting: OverlapAwareness['presenting']
}

export interface SummonView {
  /** The summon to follow now, or null. */
  follow: SummonTarget | null
  /** A live summon this tab broke away from (offer "Rejoin"), when nothing is followed. */
  brokenAway: SummonTarget | null
}

export function decideSummon(input: {
  peers: readonly PeerState[]
  selfUserId: string
  brokenAwayIds: ReadonlySet<string>
}): SummonView {
  const candidates: SummonTarget[] = []
  for (const peer of input.peers) {
    const o = peer.overlap
    if (!o || o.role !== 'facilitator' || !o.summon) continue
    // The summoner never follows themself, in any of their tabs; and a summoner is nobody's follower.
    if (o.userId === input.selfUserId) return { follow: null, brokenAway: null }
    candidates.push({
      summonId: o.summon.id,
      leaderUserId: o.userId,
      leaderClientId: peer.clientId,
      leaderName: peer.presence?.name ?? 'the facilitator',
      presenting: o.presenting,
    })
  }
  // Two facilitators summoning at once: a presentation first, then a stable order, so every
  // participant picks the same leader.
  candidates.sort(
    (a, b) => Number(b.presenting !== null) - Number(a.presenting !== null) || a.leaderUserId.localeCompare(b.leaderUserId) || a.leaderClientId - b.leaderClientId
  )
  const follow = candidates.find((c) => !input.brokenAwayIds.has(c.summonId)) ?? null
  return { follow, brokenAway: follow ? null : (candidates[0] ?? null) }
}
