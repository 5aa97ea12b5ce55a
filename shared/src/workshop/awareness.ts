/**
 * Ephemeral workshop signals in awareness (never in the doc): the awareness field `overlap`.
 *
 * - `role` is checked by the server against the socket's role ([WS10]): an awareness update claiming
 *   another role is dropped, so "summon" and "presenting" can be trusted from a facilitator state.
 * - `summon`: the facilitator asks everyone to follow them; participants follow until they break
 *   away (per summon id) or the field goes back to null.
 * - `presenting`: the facilitator steps through frames as slides (implies summon).
 * - `reaction`: an emoji floating over the board; a new `id` each time.
 * - `away`: the tab is hidden.
 * - `restored`: this tab just restored a snapshot (a new `id` each time): every page says who restored
 *   which snapshot, since the board changed under everyone's hands.
 * - `editing`: the shape whose text this tab is editing. Card text is one field, last writer wins, so
 *   two people typing in one card at once would lose one's words: others wait until it is null.
 */
import { parseRole, type Role } from '../access.js'

export const OVERLAP_AWARENESS_FIELD = 'overlap'

export interface OverlapAwareness {
  role: Role
  /** Identity id (stable per browser) — the same as tldraw's user id without the `user:` prefix. */
  userId: string
  summon: { id: string } | null
  presenting: { frameId: string; index: number; total: number } | null
  reaction: { id: string; emoji: string; x: number; y: number } | null
  away: boolean
  editing: string | null
  restored: { id: string; name: string } | null
}

export const REACTION_EMOJI = ['👍', '❤️', '😂', '🎉', '🤔', '👀', '🔥', '➕'] as const

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** The `overlap` field of an awareness state, or null when absent or unreadable. */
export function parseOverlapAwareness(state: unknown): OverlapAwareness | null {
  if (!isObject(state)) return null
  const o = state[OVERLAP_AWARENESS_FIELD]
  if (!isObject(o)) return null
  const role = parseRole(o.role)
  if (!role || typeof o.userId !== 'string') return null
  const s = isObject(o.summon) && typeof o.summon.id === 'string' ? { id: o.summon.id } : null
  const p = o.presenting
  const presenting =
    isObject(p) && typeof p.frameId === 'string' && isNum(p.index) && isNum(p.total)
      ? { frameId: p.frameId, index: p.index, total: p.total }
      : null
  const r = o.reaction
  const reaction =
    isObject(r) && typeof r.id === 'string' && typeof r.emoji === 'string' && (REACTION_EMOJI as readonly string[]).includes(r.emoji) && isNum(r.x) && isNum(r.y)
      ? { id: r.id, emoji: r.emoji, x: r.x, y: r.y }
      : null
  const editing = typeof o.editing === 'string' && o.editing.startsWith('shape:') ? o.editing : null
  const rs = o.restored
  const restored = isObject(rs) && typeof rs.id === 'string' && typeof rs.name === 'string' ? { id: rs.id, name: rs.name.slice(0, 200) } : null
  return { role, userId: o.userId, summon: s, presenting, reaction, away: o.away === true, editing, restored }
}

/** The role an awareness state claims, if any (what the server checks, [WS10]). */
export function claimedRole(state: unknown): Role | null | 'unreadable' {
  if (!isObject(state) || !(OVERLAP_AWARENESS_FIELD in state)) return null
  const o = state[OVERLAP_AWARENESS_FIELD]
  if (o === null) return null
  return isObject(o) ? (parseRole(o.role) ?? 'unreadable') : 'unreadable'
}
