/**
 * "Download CSV" of an ended vote: one row per card in ranked order (ties share a rank), votes per
 * side, voter names for named votes. RFC 4180 quoting, and cells that a spreadsheet would run as a
 * formula (=, +, -, @ …) are prefixed with ' — card titles are user text.
 */
import { SIDE_OR_UNKNOWN, ranks, type EndedVote } from '@overlap/shared'

export { ranks }

function cell(value: string | number): string {
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function resultsCsv(vote: EndedVote): string {
  const named = !vote.config.anonymous
  const header = ['rank', 'card_id', 'title', 'total', ...SIDE_OR_UNKNOWN, ...(named ? ['voters'] : [])]
  const rank = ranks(vote.results)
  const lines = vote.results.map((r, i) =>
    [rank[i], r.cardId, r.title.replace(/\s+/g, ' ').trim(), r.total, ...SIDE_OR_UNKNOWN.map((s) => r.bySide[s]), ...(named ? [(r.voters ?? []).join('; ')] : [])]
      .map(cell)
      .join(',')
  )
  return [header.join(','), ...lines].join('\r\n') + '\r\n'
}

/** `vote-results-2026-11-23-1450.csv` (UTC end time): distinct per vote, sorts by date. */
export function resultsCsvFileName(vote: EndedVote): string {
  const iso = new Date(vote.endedAt).toISOString()
  return `vote-results-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.csv`
}
