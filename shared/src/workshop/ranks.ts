/**
 * Ranks of a vote's results ([WS7]), as the results panel, the CSV and the brief show them:
 * competition ranking ("1, 2, 2, 4"), so cards with the same total share a rank and nobody reads an
 * order into a tie.
 */
import type { VoteResultRow } from './state.js'

/** `rows` must already be sorted by total, most first (as `EndedVote.results` are). */
export function ranks(rows: readonly Pick<VoteResultRow, 'total'>[]): number[] {
  const out: number[] = []
  rows.forEach((r, i) => out.push(i > 0 && rows[i - 1]!.total === r.total ? out[i - 1]! : i + 1))
  return out
}
