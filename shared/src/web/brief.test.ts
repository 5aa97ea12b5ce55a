import { describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as Y from 'yjs'
import { toRichText, type TLRecord } from '@tldraw/tlschema'
import { readRecordsFromDoc, writeRecordsToDoc } from '../binding/docRecords.js'
import { buildTemplateRecords } from '../templates/buildTemplateRecords.js'
import { problemWeb } from '../templates/problemWeb.js'
import type { Template } from '../templates/types.js'
import { buildBrief } from './brief.js'
import { PROMPT_META_KEY } from './cardTypes.js'
import { analyzeWeb } from './analyzeWeb.js'
import { readWeb } from './readWeb.js'
import type { EndedVote } from '../workshop/state.js'

const GOLDEN_DIR = fileURLToPath(new URL('./__golden__/', import.meta.url))
const OPTIONS = { boardName: 'Checkout revamp', generatedAt: '2026-01-15T10:00:00.000Z' }

/** Compares with `__golden__/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead. */
function expectGolden(name: string, actual: string): void {
  const file = GOLDEN_DIR + name
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden ${name}: run with UPDATE_GOLDEN=1`)
    mkdirSync(GOLDEN_DIR, { recursive: true })
    writeFileSync(file, actual)
    return
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

/** A session on the Problem web: the prompts answered, more cards, more links. */
const session: Template = {
  ...problemWeb,
  cards: [
    ...problemWeb.cards.map((c) => {
      const text: Record<string, string> = {
        need: 'Cut checkout abandonment on mobile',
        constraint: 'Payments must stay PCI-scoped to the provider',
        research: '38% of mobile users abandon at the address form',
        option: 'One-page checkout with address autocomplete',
        requirement: 'Address entry in under 20 seconds',
      }
      const fields: Record<string, Record<string, string>> = {
        research: { source: 'Analytics, March funnel', confidence: 'high' },
        requirement: { priority: 'must' },
      }
      return { ...c, text: text[c.key], fields: fields[c.key] ?? c.fields }
    }),
    { key: 'need-2', type: 'business-need', zone: 'need', text: 'Fewer support tickets about failed payments' },
    { key: 'req-2', type: 'requirement', zone: 'requirements', text: 'Remember the last used card', fields: { priority: 'should' } },
    { key: 'req-3', type: 'requirement', zone: 'requirements', text: 'Dark mode for checkout', fields: { priority: 'could' } },
    { key: 'option-2', type: 'architecture-option', zone: 'architecture', text: 'Keep the multi-step flow, fix the form' },
    { key: 'risk', type: 'risk', at: { x: 1200, y: 1700 }, text: 'Autocomplete provider adds latency', fields: { likelihood: 'medium', impact: 'high' } },
    {
      key: 'decision',
      type: 'decision',
      at: { x: 1500, y: 1700 },
      text: 'Go with the one-page checkout',
      fields: { why: 'Largest drop-off is the form itself', alternatives: 'Multi-step with a better form' },
    },
    { key: 'fallback', type: 'decision', at: { x: 1800, y: 1700 }, text: 'Fall back to plain fields after 300 ms' },
    { key: 'metric', type: 'metric', at: { x: 0, y: 1700 }, text: 'Mobile checkout completion', fields: { baseline: '62%', target: '75%' } },
    { key: 'question', type: 'question', at: { x: 300, y: 1700 }, text: 'Do we need consent for address lookups?' },
  ],
  links: [
    ...problemWeb.links,
    { from: 'req-2', to: 'need-2', type: 'serves' },
    { from: 'req-2', to: 'requirement', type: 'depends-on' },
    { from: 'option-2', to: 'option', type: 'alternative-to', twoWay: true },
    { from: 'fallback', to: 'risk', type: 'mitigates' },
    { from: 'decision', to: 'option', type: 'satisfies' },
  ],
}

/**
 * The session's records as people make them: the Problem web inserted (its prompt cards keep the
 * prompt in `meta.overlapPrompt`), then typed over, plus cards people added (no prompt) [W24].
 */
function sessionRecords(): TLRecord[] {
  const prompts = new Map(problemWeb.cards.map((c) => [`shape:golden-card-${c.key}`, c.text]))
  return buildTemplateRecords(session, { origin: { x: 0, y: 0 }, idSeed: 'golden' }).map((r) => {
    if (r.typeName !== 'shape' || r.type !== 'note') return r
    const { [PROMPT_META_KEY]: _asBuilt, ...meta } = r.meta
    const prompt = prompts.get(r.id)
    return { ...r, meta: prompt === undefined ? meta : { ...meta, [PROMPT_META_KEY]: prompt } } as TLRecord
  })
}

function editedRecords(): TLRecord[] {
  const records = sessionRecords()
  return records
    .filter((r) => r.id !== 'binding:golden-link-13-end') // the mitigation arrow came loose
    .map((r) => {
      // The risk was re-rated, the dark-mode requirement was dropped into the research zone.
      if (r.id === 'shape:golden-card-risk') return { ...r, meta: { ...r.meta, likelihood: 'low' } } as TLRecord
      if (r.id === 'shape:golden-card-req-3') return { ...r, parentId: 'shape:golden-zone-research' } as TLRecord
      return r
    })
}

const cases: Array<[string, () => TLRecord[]]> = [
  ['problem-web', () => buildTemplateRecords(problemWeb, { origin: { x: 0, y: 0 }, idSeed: 'golden' })],
  ['problem-web-session', sessionRecords],
  ['problem-web-edited', editedRecords],
]

describe.each(cases)('[W20] brief golden: %s', (name, records) => {
  it('Markdown and JSON equal the golden files', () => {
    const brief = buildBrief(records(), OPTIONS)
    expectGolden(`${name}.md`, brief.markdown)
    expectGolden(`${name}.json`, JSON.stringify(brief.json, null, 2) + '\n')
  })

  it('[W21] does not depend on record order, origin, or a trip through the Y.Doc', () => {
    const brief = buildBrief(records(), OPTIONS)
    const shuffled = [...records()].sort((a, b) => (a.id.length * 7919 + a.id.charCodeAt(a.id.length - 1)) % 13 - (b.id.length * 7919 + b.id.charCodeAt(b.id.length - 1)) % 13)
    expect(buildBrief(shuffled, OPTIONS)).toEqual(brief)
    const doc = new Y.Doc()
    writeRecordsToDoc(doc, records())
    expect(buildBrief(readRecordsFromDoc(doc), OPTIONS)).toEqual(brief)
  })
})

describe('brief content', () => {
  it('[W22] the untouched Problem web has no open findings; the session lists requirements under their needs', () => {
    const clean = buildBrief(cases[0][1](), OPTIONS)
    expect(clean.json.findings).toEqual([])
    expect(clean.markdown).toContain('## Open findings\n\nNone.')
    const s = buildBrief(cases[1][1](), OPTIONS)
    const needs = Object.fromEntries(s.json.needs.map((n) => [n.ref, n.servedBy]))
    // R3 reaches N1 through R1, which depends on it ([W9]).
    expect(needs).toEqual({ N1: ['R1', 'R3'], N2: ['R3'] })
  })

  it('[W23] the edited web reports the loose link, the card in the wrong zone and the unserved requirement', () => {
    const brief = buildBrief(editedRecords(), OPTIONS)
    expect(brief.json.findings).toEqual(analyzeWeb(readWeb(editedRecords())).findings)
    const kinds = brief.json.findings.map((f) => f.kind)
    expect(kinds).toContain('dangling-link')
    expect(kinds).toContain('card-in-wrong-zone')
    expect(kinds).toContain('requirement-without-need')
  })
})

describe('[W24] unanswered template prompts are not content', () => {
  const inserted = () => buildTemplateRecords(problemWeb, { origin: { x: 0, y: 0 }, idSeed: 'golden' })
  const withText = (records: TLRecord[], id: string, text: string) =>
    records.map((r) => (r.id === id && r.typeName === 'shape' ? ({ ...r, props: { ...r.props, richText: toRichText(text) } } as TLRecord) : r))

  it('[W24] the Problem web as inserted lists no card and no link, and says how many prompts it left out', () => {
    const brief = buildBrief(inserted(), OPTIONS)
    expect(brief.json.cards).toEqual([])
    expect(brief.json.links).toEqual([])
    expect(brief.json.unansweredPrompts).toBe(5)
    expect(brief.markdown).toContain('from 0 cards and 0 links._\n\n_5 template prompts nobody has answered yet are left out, with their links._')
    expect(brief.markdown).not.toContain('What outcome does the business need')
  })

  it('[W24] an answered prompt is a card; its links to prompts still unanswered are left out; a re-wrapped prompt is still a prompt', () => {
    const need = problemWeb.cards.find((c) => c.key === 'need')!
    const constraint = problemWeb.cards.find((c) => c.key === 'constraint')!
    let records = withText(inserted(), 'shape:golden-card-need', 'Cut checkout abandonment on mobile')
    records = withText(records, 'shape:golden-card-constraint', `  ${constraint.text.replace(/ /g, '\n')} `)
    const brief = buildBrief(records, OPTIONS)
    expect(brief.json.cards.map((c) => [c.ref, c.text])).toEqual([['N1', 'Cut checkout abandonment on mobile']])
    expect(brief.json.links).toEqual([])
    expect(brief.json.unansweredPrompts).toBe(4)
    expect(brief.markdown).toContain('_4 template prompts nobody has answered yet are left out')
    expect(brief.markdown).not.toContain(need.text)
  })

  it('[W24] a board with no template prompt left has no such line and no such field', () => {
    const brief = buildBrief(editedRecords(), OPTIONS)
    expect(brief.json.unansweredPrompts).toBeUndefined()
    expect(brief.markdown).not.toContain('template prompt')
  })
})

/** Two ended votes on the session board: a named one on two typed cards (one since deleted), an anonymous one. */
const VOTES: EndedVote[] = [
  {
    id: 'vote-1',
    status: 'ended',
    scopeLabel: 'Frame “Requirements”',
    cardIds: ['shape:golden-card-req-2', 'shape:golden-card-requirement', 'shape:gone'],
    config: { votesPerPerson: 3, onePerCard: false, anonymous: false },
    startedAt: Date.UTC(2026, 0, 15, 9, 0),
    endedAt: Date.UTC(2026, 0, 15, 9, 5),
    results: [
      { cardId: 'shape:golden-card-requirement', title: 'Address entry in under 20 seconds', total: 3, bySide: { product: 2, engineering: 0, design: 0, other: 0, unknown: 1 }, voters: ['Ada', 'Ada', 'Sam'] },
      { cardId: 'shape:gone', title: '# A card deleted since', total: 1, bySide: { product: 0, engineering: 1, design: 0, other: 0, unknown: 0 }, voters: ['Lin'] },
      { cardId: 'shape:golden-card-req-2', title: 'Remember the last used card', total: 0, bySide: { product: 0, engineering: 0, design: 0, other: 0, unknown: 0 }, voters: [] },
    ],
    votersBySide: { product: 1, engineering: 1, design: 0, other: 0, unknown: 1 },
  },
  {
    id: 'vote-2',
    status: 'ended',
    scopeLabel: '',
    cardIds: ['shape:golden-card-risk'],
    config: { votesPerPerson: 1, onePerCard: true, anonymous: true },
    startedAt: Date.UTC(2026, 0, 15, 9, 10),
    endedAt: Date.UTC(2026, 0, 15, 9, 12),
    results: [{ cardId: 'shape:golden-card-risk', title: 'Autocomplete provider adds latency', total: 1, bySide: { product: 0, engineering: 0, design: 1, other: 0, unknown: 0 } }],
    votersBySide: { product: 0, engineering: 0, design: 1, other: 0, unknown: 0 },
  },
]

describe('[WS7] the brief lists ended votes', () => {
  it('[WS7] a "Votes" section in Markdown and JSON (golden), with refs of cards still on the board', () => {
    const brief = buildBrief(cases[1][1](), { ...OPTIONS, votes: VOTES })
    expectGolden('problem-web-votes.md', brief.markdown)
    expectGolden('problem-web-votes.json', JSON.stringify(brief.json, null, 2) + '\n')
    expect(brief.json.votes?.[0]?.results.map((r) => [r.rank, r.ref, r.total])).toEqual([
      [1, 'R3', 3],
      [2, null, 1],
      [3, 'R1', 0],
    ])
  })

  it('[WS7] tied cards share a rank in the brief, as in the results panel (1, 2, 2, 4)', () => {
    const zero = { product: 0, engineering: 0, design: 0, other: 0, unknown: 0 }
    const row = (cardId: string, title: string, total: number) => ({ cardId, title, total, bySide: { ...zero, product: total } })
    const tied: EndedVote = {
      ...VOTES[1]!,
      id: 'vote-tied',
      results: [row('shape:a', 'Alpha', 2), row('shape:b', 'Beta', 1), row('shape:c', 'Gamma', 1), row('shape:d', 'Delta', 0)],
    }
    const brief = buildBrief(cases[1][1](), { ...OPTIONS, votes: [tied] })
    expect(brief.json.votes?.[0]?.results.map((r) => r.rank)).toEqual([1, 2, 2, 4])
    // Not an ordered list: a Markdown viewer would renumber it 1, 2, 3, 4.
    expect(brief.markdown).toContain('- **2.** Beta: 1 vote (product 1)\n- **2.** Gamma: 1 vote (product 1)\n- **4.** Delta: 0 votes')
  })

  it('[WS7] a board without ended votes has no section and no `votes` key', () => {
    const plain = buildBrief(cases[1][1](), OPTIONS)
    expect(buildBrief(cases[1][1](), { ...OPTIONS, votes: [] })).toEqual(plain)
    expect(plain.json).not.toHaveProperty('votes')
    expect(plain.markdown).not.toContain('## Votes')
  })
})
