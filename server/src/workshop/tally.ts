/**
 * The results of a dot vote ([WS7]) from its stored ballots: every card of the vote gets a row,
 * ranked by total (ties keep the order of `cardIds`), split by the voter's side, with voter names only
 * for named votes.
 */
import {
  SIDE_OR_UNKNOWN,
  type EndedVote,
  type OpenVote,
  type SideCounts,
  type SideOrUnknown,
  type VoteResultRow,
} from '@overlap/shared'
import type { StoredBallot } from '../storage/BoardStorage.js'

export const emptySideCounts = (): SideCounts =>
  Object.fromEntries(SIDE_OR_UNKNOWN.map((s) => [s, 0])) as SideCounts

export function tallyVote(
  vote: OpenVote,
  ballots: readonly StoredBallot[],
  titleOf: (cardId: string) => string,
  endedAt: number
): EndedVote {
  const named = !vote.config.anonymous
  const rows = new Map<string, VoteResultRow>()
  for (const cardId of vote.cardIds) {
    const row: VoteResultRow = { cardId, title: titleOf(cardId), total: 0, bySide: emptySideCounts() }
    if (named) row.voters = []
    rows.set(cardId, row)
  }
  const votersBySide = emptySideCounts()
  const counted = new Set<string>()
  for (const b of ballots) {
    const row = rows.get(b.cardId)
    if (!row || b.count <= 0) continue
    const side: SideOrUnknown = b.side ?? 'unknown'
    row.total += b.count
    row.bySide[side] += b.count
    if (named) for (let i = 0; i < b.count; i++) row.voters!.push(b.name)
    if (!counted.has(b.voterId)) {
      counted.add(b.voterId)
      votersBySide[side]++
    }
  }
  // Array.prototype.sort is stable: equal totals keep the cardIds order.
  const results = [...rows.values()].sort((a, b) => b.total - a.total)
  return {
    id: vote.id,
    scopeLabel: vote.scopeLabel,
    cardIds: [...vote.cardIds],
    config: { ...vote.config },
    startedAt: vote.startedAt,
    status: 'ended',
    endedAt,
    results,
    votersBySide,
  }
}
