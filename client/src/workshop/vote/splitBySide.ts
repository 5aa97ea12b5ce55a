/**
 * "Split by side" of an ended vote: each card's votes per side, and how much product and engineering
 * disagree about it. Raw counts mislead when one side is bigger, so the score compares SHARES: the
 * fraction of all product votes this card got minus the fraction of all engineering votes it got.
 * +0.5 means product put half its votes here and engineering none; 0 means equal emphasis.
 */
import { SIDE_OR_UNKNOWN, type SideCounts, type VoteResultRow } from '@overlap/shared'

/** |score| at or above this flags the card as a disagreement (a quarter of one side's votes). */
export const DISAGREEMENT_FLAG = 0.25

export interface SplitRow {
  row: VoteResultRow
  productShare: number
  engineeringShare: number
  /** productShare − engineeringShare; 0 when either side cast no votes at all (nothing to compare). */
  score: number
  flagged: boolean
}

export function splitBySide(rows: readonly VoteResultRow[]): SplitRow[] {
  const totals = rows.reduce((t, r) => ({ p: t.p + r.bySide.product, e: t.e + r.bySide.engineering }), { p: 0, e: 0 })
  const comparable = totals.p > 0 && totals.e > 0
  const split = rows.map((row, index) => {
    const productShare = totals.p > 0 ? row.bySide.product / totals.p : 0
    const engineeringShare = totals.e > 0 ? row.bySide.engineering / totals.e : 0
    const score = comparable ? productShare - engineeringShare : 0
    return { row, productShare, engineeringShare, score, flagged: Math.abs(score) >= DISAGREEMENT_FLAG - 1e-9, index }
  })
  // Most disputed first; ties keep the ranked order.
  split.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.index - b.index)
  return split.map(({ index: _index, ...rest }) => rest)
}

/** "P 1 · E 1 · D 1": product and engineering always (the split compares them), the other sides when they voted, so the parts add up to the total. */
export function splitLabel(bySide: SideCounts): string {
  const letters = { product: 'P', engineering: 'E', design: 'D', other: 'O', unknown: '?' } as const
  return SIDE_OR_UNKNOWN.filter((s) => s === 'product' || s === 'engineering' || bySide[s] > 0)
    .map((s) => `${letters[s]} ${bySide[s]}`)
    .join(' · ')
}
