/**
 * Received emoji reactions. A reaction stays in its sender's awareness state for REACTION_SHOW_MS
 * and is re-sent with every other change of that state (cursor moves), so "new" means: an id that
 * was not in the previous set of states. Only the ids of the states in hand are kept, so the memory
 * stays as small as the room.
 */
import type { PeerState } from './peerState'

/** How long a reaction floats (sender clears it after this; receivers animate this long). */
export const REACTION_SHOW_MS = 3_000

export interface ReceivedReaction {
  id: string
  emoji: string
  /** Page point. */
  x: number
  y: number
  fromName: string
  color: string
}

export interface ReactionFeedStep {
  fresh: ReceivedReaction[]
  /** Pass back as `previousIds` next time. */
  ids: ReadonlySet<string>
}

export function nextReactions(peers: readonly PeerState[], previousIds: ReadonlySet<string>): ReactionFeedStep {
  const ids = new Set<string>()
  const fresh: ReceivedReaction[] = []
  for (const peer of peers) {
    const r = peer.overlap?.reaction
    // A repeated id (a copied state) floats once.
    if (!r || ids.has(r.id)) continue
    ids.add(r.id)
    if (previousIds.has(r.id)) continue
    fresh.push({ ...r, fromName: peer.presence?.name ?? 'Someone', color: peer.presence?.color ?? '#888888' })
  }
  return { fresh, ids }
}
