/**
 * A person's attention status in the people panel: `away` (their tab is hidden), `idle` (no cursor
 * or presence change for `IDLE_AFTER_MS`), else `active`.
 */
export type PersonStatus = 'active' | 'idle' | 'away'

/** FigJam and Miro both call a collaborator idle after about a minute without input. */
export const IDLE_AFTER_MS = 60_000

export function personStatus(input: {
  away: boolean
  /** tldraw presence `lastActivityTimestamp` (sender's clock); null or 0 = never moved yet. */
  lastActivityMs: number | null
  nowMs: number
  idleAfterMs?: number
}): PersonStatus {
  if (input.away) return 'away'
  // A peer who has not moved since joining counts as active (as tldraw does): they just arrived.
  // A timestamp ahead of our clock (clock skew) counts as "just now", never as negative idleness.
  if (!input.lastActivityMs) return 'active'
  const elapsed = input.nowMs - input.lastActivityMs
  return elapsed > (input.idleAfterMs ?? IDLE_AFTER_MS) ? 'idle' : 'active'
}

const RANK: Record<PersonStatus, number> = { active: 0, idle: 1, away: 2 }

/** One person in several tabs: the most attentive tab wins (active beats idle beats away). */
export function mergeStatus(a: PersonStatus, b: PersonStatus): PersonStatus {
  return RANK[a] <= RANK[b] ? a : b
}
