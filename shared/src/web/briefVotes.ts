/**
 * The "Votes" section of the brief ([WS7]): every ENDED dot vote of the board (`workshop.voteHistory`),
 * with its scope, settings, ranked results, counts and the split by side — so results can be exported
 * with the brief. Deterministic like the rest of the brief (times as ISO strings).
 */
import { SIDE_OR_UNKNOWN, type EndedVote, type SideCounts, type VoteConfig } from '../workshop/state.js'
import { ranks } from '../workshop/ranks.js'

export interface BriefVoteRow {
  /** Competition rank: cards with the same total share one ("1, 2, 2, 4"), as in the results panel. */
  rank: number
  cardId: string
  /** The card's brief ref (N1, R2…) when it is a typed card still on the board, else null. */
  ref: string | null
  title: string
  total: number
  bySide: SideCounts
  /** Named votes only: one entry per vote. */
  voters?: string[]
}

export interface BriefVote {
  id: string
  scopeLabel: string
  startedAt: string
  endedAt: string
  config: VoteConfig
  votersBySide: SideCounts
  results: BriefVoteRow[]
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "product 2, unknown 1" (sides with 0 left out), or "none". */
function sides(counts: SideCounts): string {
  const parts = SIDE_OR_UNKNOWN.filter((s) => counts[s] > 0).map((s) => `${s} ${counts[s]}`)
  return parts.length > 0 ? parts.join(', ') : 'none'
}

export function briefVotes(votes: readonly EndedVote[], refOf: (cardId: string) => string | null): BriefVote[] {
  return votes.map((v) => {
    const rank = ranks(v.results)
    return {
      id: v.id,
      scopeLabel: v.scopeLabel,
      startedAt: new Date(v.startedAt).toISOString(),
      endedAt: new Date(v.endedAt).toISOString(),
      config: { ...v.config },
      votersBySide: { ...v.votersBySide },
      results: v.results.map((r, i) => {
        const row: BriefVoteRow = { rank: rank[i]!, cardId: r.cardId, ref: refOf(r.cardId), title: r.title, total: r.total, bySide: { ...r.bySide } }
        if (r.voters) row.voters = [...r.voters]
        return row
      }),
    }
  })
}

/** Markdown lines of the section (none for no votes); `line` makes text one safe Markdown line. */
export function briefVotesMarkdown(votes: readonly BriefVote[], line: (text: string) => string): string[] {
  if (votes.length === 0) return []
  const md = ['## Votes', '']
  for (const v of votes) {
    const people = SIDE_OR_UNKNOWN.reduce((n, s) => n + v.votersBySide[s], 0)
    const settings = [
      plural(v.config.votesPerPerson, 'vote') + ' per person',
      v.config.onePerCard ? 'one per card' : null,
      v.config.anonymous ? 'anonymous' : 'named',
    ].filter((x) => x !== null)
    md.push(`### ${line(v.scopeLabel || 'Vote')} (ended ${readableUtc(v.endedAt)})`, '')
    md.push(`_${settings.join(', ')}; ${plural(people, 'person', 'people')} voted (${sides(v.votersBySide)})._`, '')
    for (const r of v.results) {
      const card = `${r.ref ? `**${r.ref}** ` : ''}${line(r.title)}`
      // A bullet, not "2. …": Markdown renumbers an ordered list 1, 2, 3 and would hide a tie.
      md.push(`- **${r.rank}.** ${card}: ${plural(r.total, 'vote')}${r.total > 0 ? ` (${sides(r.bySide)})` : ''}`)
      if (r.voters && r.voters.length > 0) md.push(`   - voters: ${r.voters.map((n) => n.replace(/\s+/g, ' ').trim()).join(', ')}`)
    }
    md.push('')
  }
  return md
}

/** `2026-12-07T15:51:52.173Z` → `2026-12-07 15:51 UTC`: for people; the JSON keeps the ISO time. */
export function readableUtc(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso
}
