/**
 * The written brief ([W20]–[W23]): Markdown and JSON built from the typed cards and links (not from
 * pixels). Deterministic: same records (in any order) + same options → byte-identical output, so the
 * server's brief equals the client's and golden files work.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { CARD_TYPES, PRIORITIES, cardTypeDef, type CardType } from './cardTypes.js'
import { linkLabel, type LinkType } from './linkTypes.js'
import { analyzeWeb, type Finding } from './analyzeWeb.js'
import { whyChain } from './chains.js'
import { readWeb, type Web, type WebCard } from './readWeb.js'
import { briefVotes, briefVotesMarkdown, type BriefVote } from './briefVotes.js'
import type { EndedVote } from '../workshop/state.js'

export const BRIEF_FORMAT = 'overlap-brief'
export const BRIEF_VERSION = 1

export interface BriefOptions {
  boardName: string
  /** Shown as given (an ISO timestamp, normally): the caller owns the clock. */
  generatedAt: string
  /** Ended dot votes (`readWorkshop(doc).voteHistory`): a "Votes" section when there is one ([WS7]). */
  votes?: readonly EndedVote[]
}

export interface BriefCard {
  ref: string
  id: string
  type: CardType
  text: string
  fields: Record<string, string>
  zone: string | null
}
export interface BriefLink {
  id: string
  type: LinkType
  from: string
  to: string
  twoWay: boolean
}
export interface BriefJson {
  format: typeof BRIEF_FORMAT
  version: typeof BRIEF_VERSION
  boardName: string
  generatedAt: string
  cards: BriefCard[]
  links: BriefLink[]
  /** For each business need (by ref): the requirements whose why-chain reaches it. */
  needs: Array<{ ref: string; servedBy: string[]; evidence: string[] }>
  findings: Finding[]
  cardCounts: Record<CardType, number>
  linkCounts: Record<LinkType, number>
  /** Present only when the board has ended votes, so briefs of boards without votes stay as they were. */
  votes?: BriefVote[]
  /** [W24] How many unanswered template prompts were left out; present only when some were. */
  unansweredPrompts?: number
}

export interface Brief {
  markdown: string
  json: BriefJson
}

/** One line: whitespace runs collapse, Markdown-significant characters at the start are escaped. */
function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t === '' ? '_(empty card)_' : t.replace(/^([#>*+-]|\d+\.)/, '\\$1')
}

/** Refs per type in web order: N1, N2, R1… ([W20]). */
export function cardRefs(web: Web): Map<string, string> {
  const refs = new Map<string, string>()
  const n = new Map<CardType, number>()
  for (const c of web.cards) {
    const i = (n.get(c.type) ?? 0) + 1
    n.set(c.type, i)
    refs.set(c.id, `${cardTypeDef(c.type).refPrefix}${i}`)
  }
  return refs
}

/**
 * [W24] The web without the template prompts nobody has answered, nor any link with one at either
 * end: a template's "What does the business need?" is a question to the room, not a need.
 */
function withoutUnansweredPrompts(web: Web): { web: Web; prompts: number } {
  const cards = web.cards.filter((c) => !c.unansweredPrompt)
  if (cards.length === web.cards.length) return { web, prompts: 0 }
  const kept = new Set(cards.map((c) => c.id))
  const links = web.links.filter((l) => kept.has(l.fromCardId) && kept.has(l.toCardId))
  return { web: { ...web, cards, links }, prompts: web.cards.length - cards.length }
}

export function buildBrief(records: readonly TLRecord[] | readonly unknown[], options: BriefOptions): Brief {
  const { web, prompts } = withoutUnansweredPrompts(readWeb(records))
  const analysis = analyzeWeb(web)
  const refs = cardRefs(web)
  const byId = new Map(web.cards.map((c) => [c.id, c]))
  const zoneNames = new Map(web.zones.map((z) => [z.id, z.name]))
  const ref = (id: string) => refs.get(id)!
  const named = (id: string) => `**${ref(id)}** ${oneLine(byId.get(id)!.text)}`
  const of = (type: CardType) => web.cards.filter((c) => c.type === type)

  /** Refs of cards linked to `card` by `types`, with `card` at the `role` end (two-way: either). */
  const linked = (card: WebCard, types: LinkType[], role: 'from' | 'to' | 'any', otherType?: CardType): string[] => {
    const out: string[] = []
    for (const l of web.links) {
      if (!types.includes(l.type)) continue
      const ids: string[] = []
      if (role !== 'to' || l.twoWay) if (l.fromCardId === card.id) ids.push(l.toCardId)
      if (role !== 'from' || l.twoWay) if (l.toCardId === card.id) ids.push(l.fromCardId)
      for (const id of ids) if (!otherType || byId.get(id)!.type === otherType) out.push(id)
    }
    return [...new Set(out)].sort((a, b) => web.cards.indexOf(byId.get(a)!) - web.cards.indexOf(byId.get(b)!))
  }
  const refList = (ids: string[]) => ids.map(ref).join(', ')

  const servedBy = new Map<string, string[]>()
  for (const r of of('requirement')) {
    for (const need of whyChain(web, r.id).reached) servedBy.set(need, [...(servedBy.get(need) ?? []), r.id])
  }

  const md: string[] = [`# ${oneLine(options.boardName)}: brief`, '']
  md.push(`_Generated ${options.generatedAt} from ${web.cards.length} cards and ${web.links.length} links._`, '')
  if (prompts > 0) {
    const them = prompts === 1 ? 'template prompt nobody has answered yet is' : 'template prompts nobody has answered yet are'
    md.push(`_${prompts} ${them} left out, with ${prompts === 1 ? 'its links' : 'their links'}._`, '')
  }
  const section = (type: CardType, body: (cards: WebCard[]) => void) => {
    const cards = of(type)
    if (cards.length === 0) return
    md.push(`## ${cardTypeDef(type).plural}`, '')
    body(cards)
    md.push('')
  }
  const sub = (label: string, ids: string[]) => {
    if (ids.length > 0) md.push(`  - ${label}: ${refList(ids)}`)
  }

  section('business-need', (cards) => {
    for (const c of cards) {
      md.push(`- ${named(c.id)}`)
      const served = servedBy.get(c.id) ?? []
      for (const r of served) md.push(`  - served by ${named(r)}`)
      if (served.length === 0) md.push('  - served by no requirement')
      sub('evidence', linked(c, ['evidences', 'informs'], 'any', 'research-finding'))
      sub('constrained by', linked(c, ['constrains'], 'to'))
    }
  })
  section('constraint', (cards) => {
    for (const c of cards) {
      md.push(`- ${named(c.id)}`)
      sub('constrains', linked(c, ['constrains'], 'from'))
    }
  })
  section('research-finding', (cards) => {
    for (const c of cards) {
      const f = c.type === 'research-finding' ? c.fields : { source: '', confidence: '' }
      const facts = [`source: ${f.source.trim() || 'not given'}`, `confidence: ${f.confidence || 'not given'}`]
      md.push(`- ${named(c.id)} (${facts.join('; ')})`)
      sub('evidences', linked(c, ['evidences'], 'from'))
      sub('informs', linked(c, ['informs'], 'from'))
    }
  })
  section('architecture-option', (cards) => {
    for (const c of cards) {
      md.push(`- ${named(c.id)}`)
      sub('serves', linked(c, ['serves'], 'from'))
      sub('satisfies', linked(c, ['satisfies'], 'from'))
      sub('alternative to', linked(c, ['alternative-to'], 'any'))
    }
  })
  section('requirement', (cards) => {
    const groups: Array<[string, WebCard[]]> = PRIORITIES.map((p) => [
      p[0].toUpperCase() + p.slice(1),
      cards.filter((c) => c.type === 'requirement' && c.fields.priority === p),
    ])
    groups.push(['No priority', cards.filter((c) => c.type === 'requirement' && c.fields.priority === '')])
    for (const [label, group] of groups) {
      if (group.length === 0) continue
      md.push(`### ${label}`, '')
      for (const c of group) {
        md.push(`- ${named(c.id)}`)
        const needs = whyChain(web, c.id).reached
        md.push(needs.length > 0 ? `  - serves need: ${refList(needs)}` : '  - serves no business need')
        sub('depends on', linked(c, ['depends-on'], 'from'))
      }
      md.push('')
    }
    md.pop()
  })
  section('risk', (cards) => {
    for (const c of cards) {
      const f = c.type === 'risk' ? c.fields : { likelihood: '', impact: '' }
      md.push(`- ${named(c.id)} (likelihood: ${f.likelihood || 'not given'}; impact: ${f.impact || 'not given'})`)
      const mitigations = linked(c, ['mitigates'], 'to')
      if (mitigations.length === 0) md.push('  - no mitigation')
      for (const m of mitigations) md.push(`  - mitigated by ${named(m)}`)
    }
  })
  section('decision', (cards) => {
    for (const c of cards) {
      const f = c.type === 'decision' ? c.fields : { why: '', alternatives: '' }
      md.push(`- ${named(c.id)}`)
      md.push(`  - why: ${f.why.trim() ? oneLine(f.why) : 'not recorded'}`)
      md.push(`  - alternatives considered: ${f.alternatives.trim() ? oneLine(f.alternatives) : 'none recorded'}`)
      sub('serves', linked(c, ['serves'], 'from'))
      sub('satisfies', linked(c, ['satisfies'], 'from'))
      sub('mitigates', linked(c, ['mitigates'], 'from'))
      sub('alternative to', linked(c, ['alternative-to'], 'any'))
    }
  })
  section('metric', (cards) => {
    for (const c of cards) {
      const f = c.type === 'metric' ? c.fields : { baseline: '', target: '' }
      md.push(`- ${named(c.id)}: ${f.baseline.trim() || '?'} → ${f.target.trim() || '?'}`)
    }
  })
  section('question', (cards) => {
    for (const c of cards) md.push(`- ${named(c.id)}`)
  })

  if (web.links.length > 0) {
    md.push('## Links', '')
    for (const l of web.links) {
      const arrow = l.twoWay ? '⇄' : '→'
      md.push(`- ${ref(l.fromCardId)} ${arrow} ${linkLabel(l.type)} ${arrow} ${ref(l.toCardId)}`)
    }
    md.push('')
  }
  md.push('## Open findings', '')
  if (analysis.findings.length === 0) md.push('None.')
  for (const f of analysis.findings) {
    const refsOf = f.cardIds.map(ref)
    md.push(`- ${refsOf.length ? `${refsOf.join(', ')}: ` : ''}${f.message}`)
  }
  md.push('')
  const votes = briefVotes(options.votes ?? [], (id) => refs.get(id) ?? null)
  md.push(...briefVotesMarkdown(votes, oneLine))

  const json: BriefJson = {
    format: BRIEF_FORMAT,
    version: BRIEF_VERSION,
    boardName: options.boardName,
    generatedAt: options.generatedAt,
    cards: web.cards.map((c) => ({
      ref: ref(c.id),
      id: c.id,
      type: c.type,
      text: c.text,
      fields: { ...c.fields } as Record<string, string>,
      zone: c.zoneId ? (zoneNames.get(c.zoneId) ?? null) : null,
    })),
    links: web.links.map((l) => ({ id: l.id, type: l.type, from: ref(l.fromCardId), to: ref(l.toCardId), twoWay: l.twoWay })),
    needs: of('business-need').map((n) => ({
      ref: ref(n.id),
      servedBy: (servedBy.get(n.id) ?? []).map(ref),
      evidence: linked(n, ['evidences', 'informs'], 'any', 'research-finding').map(ref),
    })),
    findings: analysis.findings,
    cardCounts: analysis.cardCounts,
    linkCounts: analysis.linkCounts,
  }
  if (votes.length > 0) json.votes = votes
  if (prompts > 0) json.unansweredPrompts = prompts
  return { markdown: md.join('\n'), json }
}

/** Card types in brief order (re-exported for UIs that mirror the brief's sections). */
export const BRIEF_SECTIONS: readonly CardType[] = CARD_TYPES.map((t) => t.id)
