/**
 * One awareness state read for the workshop UI: the `overlap` field (shared contract) and the few
 * fields of tldraw's `presence` the people panel shows. Peers are untrusted: anything malformed reads
 * as absent, never as an error that would take the board down.
 */
import { parseOverlapAwareness, parseSide, type OverlapAwareness, type Side } from '@overlap/shared'

/** tldraw's user ids are `user:<identity id>`; the `overlap` field carries the bare identity id. */
export const TL_USER_PREFIX = 'user:'

export interface PeerPresence {
  /** Identity id (without tldraw's `user:` prefix). */
  userId: string
  name: string
  color: string
  side: Side | null
  lastActivityMs: number | null
}

export interface PeerState {
  clientId: number
  overlap: OverlapAwareness | null
  presence: PeerPresence | null
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function readPeerPresence(raw: unknown): PeerPresence | null {
  if (!isObject(raw) || typeof raw.userId !== 'string' || !raw.userId.startsWith(TL_USER_PREFIX)) return null
  const meta = isObject(raw.meta) ? raw.meta : {}
  const t = raw.lastActivityTimestamp
  return {
    userId: raw.userId.slice(TL_USER_PREFIX.length),
    name: typeof raw.userName === 'string' && raw.userName.trim() !== '' ? raw.userName : 'Someone',
    color: typeof raw.color === 'string' ? raw.color : '#888888',
    side: parseSide(meta.side),
    lastActivityMs: typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : null,
  }
}

export function readPeerState(clientId: number, state: unknown): PeerState {
  return {
    clientId,
    overlap: parseOverlapAwareness(state),
    // The field board/presence.ts publishes (PRESENCE_FIELD; not imported: that module pulls in tldraw).
    presence: isObject(state) ? readPeerPresence(state.presence) : null,
  }
}

/** The identity id a state belongs to (the `overlap` field first: it is what the server checks). */
export function peerUserId(peer: PeerState): string | null {
  return peer.overlap?.userId ?? peer.presence?.userId ?? null
}

/** Every awareness state, read, in client-id order (stable rendering). */
export function readPeerStates(states: ReadonlyMap<number, unknown>): PeerState[] {
  return [...states.entries()].sort(([a], [b]) => a - b).map(([id, s]) => readPeerState(id, s))
}
