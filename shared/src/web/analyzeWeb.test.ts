import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { analyzeWeb, type FindingKind } from './analyzeWeb.js'
import { readWeb } from './readWeb.js'
import { cardId, webRecords, type CardSpec, type LinkSpec } from './testing.js'
import type { TemplateZone } from '../templates/types.js'

function findings(cards: CardSpec[], links: LinkSpec[] = [], zones: TemplateZone[] = [], kind?: FindingKind) {
  return analyzeWeb(readWeb(webRecords(cards, links, zones)))
    .findings.filter((f) => !kind || f.kind === kind)
    .map((f) => f.id)
}
const only = (kind: FindingKind) => (cards: CardSpec[], links: LinkSpec[] = []) => findings(cards, links, [], kind)

describe('[W12] requirements that serve no business need', () => {
  const check = only('requirement-without-need')
  it('direct serves, satisfies chain, and unlinked', () => {
    expect(check([['n', 'business-need'], ['r', 'requirement']], [['r', 'serves', 'n']])).toEqual([])
    expect(check([['n', 'business-need'], ['r', 'requirement']])).toEqual([`requirement-without-need:${cardId('r')}`])
    expect(
      check(
        [['n', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement'], ['a', 'architecture-option']],
        [['r1', 'serves', 'n'], ['r2', 'satisfies', 'a'], ['a', 'satisfies', 'r1']],
      ),
    ).toEqual([])
  })

  it('depends-on traces the dependency through its dependent, not the reverse', () => {
    // r1 serves n and depends on r2: r2 exists for r1, so it traces to n.
    expect(check([['n', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement']], [['r1', 'serves', 'n'], ['r1', 'depends-on', 'r2']])).toEqual([])
    // r1 depends on r2, which serves n: r1 itself serves nothing.
    expect(check([['n', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement']], [['r2', 'serves', 'n'], ['r1', 'depends-on', 'r2']])).toEqual([
      `requirement-without-need:${cardId('r1')}`,
    ])
  })

  it('the wrong direction does not count, a two-way link counts both ways', () => {
    expect(check([['n', 'business-need'], ['r', 'requirement']], [['n', 'serves', 'r']])).toEqual([`requirement-without-need:${cardId('r')}`])
    expect(check([['n', 'business-need'], ['r', 'requirement']], [['n', 'serves', 'r', 'both']])).toEqual([])
  })

  it('cycles end, and a cycle that never reaches a need flags every requirement in it', () => {
    const cards: CardSpec[] = [['n', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement'], ['r3', 'requirement']]
    expect(check(cards, [['r1', 'serves', 'r2'], ['r2', 'serves', 'r3'], ['r3', 'serves', 'r1']])).toHaveLength(3)
    expect(check(cards, [['r1', 'serves', 'r2'], ['r2', 'serves', 'r3'], ['r3', 'serves', 'r1'], ['r3', 'serves', 'n']])).toEqual([])
    expect(check(cards, [['r1', 'serves', 'r2', 'both'], ['r2', 'serves', 'r1', 'both'], ['r2', 'serves', 'n']])).toEqual([
      `requirement-without-need:${cardId('r3')}`,
    ])
  })
})

describe('[W13] business needs with no research behind them', () => {
  const check = only('need-without-research')
  it('evidences or informs from a research finding, either direction; other cards do not count', () => {
    const cards: CardSpec[] = [['n', 'business-need'], ['f', 'research-finding'], ['q', 'question']]
    expect(check(cards, [['f', 'evidences', 'n']])).toEqual([])
    expect(check(cards, [['n', 'informs', 'f']])).toEqual([])
    expect(check(cards, [['q', 'informs', 'n']])).toEqual([`need-without-research:${cardId('n')}`])
    expect(check(cards, [['f', 'serves', 'n']])).toEqual([`need-without-research:${cardId('n')}`])
  })
})

describe('[W14] decisions with no alternatives', () => {
  const check = only('decision-without-alternatives')
  it('needs the alternatives field or an alternative-to link (either end)', () => {
    expect(check([['d', 'decision', 'go', { why: 'fast', alternatives: '  ' }]])).toEqual([`decision-without-alternatives:${cardId('d')}`])
    expect(check([['d', 'decision', 'go', { why: '', alternatives: 'build it ourselves' }]])).toEqual([])
    expect(check([['d', 'decision'], ['a', 'architecture-option']], [['a', 'alternative-to', 'd']])).toEqual([])
  })
})

describe('[W15] constraints that constrain nothing', () => {
  const check = only('constraint-constrains-nothing')
  it('needs an outgoing constrains link (or a two-way one)', () => {
    const cards: CardSpec[] = [['c', 'constraint'], ['r', 'requirement']]
    expect(check(cards, [['c', 'constrains', 'r']])).toEqual([])
    expect(check(cards, [['r', 'constrains', 'c']])).toEqual([`constraint-constrains-nothing:${cardId('c')}`])
    expect(check(cards, [['r', 'constrains', 'c', 'both']])).toEqual([])
    expect(check(cards, [['c', 'informs', 'r']])).toEqual([`constraint-constrains-nothing:${cardId('c')}`])
  })
})

describe('[W16] risks with no mitigation', () => {
  const check = only('risk-without-mitigation')
  it('needs a mitigates link into the risk', () => {
    const cards: CardSpec[] = [['k', 'risk'], ['d', 'decision']]
    expect(check(cards, [['d', 'mitigates', 'k']])).toEqual([])
    expect(check(cards, [['k', 'mitigates', 'd']])).toEqual([`risk-without-mitigation:${cardId('k')}`])
    expect(check(cards, [['k', 'mitigates', 'd', 'both']])).toEqual([])
  })
})

describe('[W17] cards in a zone of another type', () => {
  const zones: TemplateZone[] = [
    { key: 'needs', name: 'Needs', cardType: 'business-need', x: 0, y: 0, w: 480, h: 480 },
    { key: 'free', name: 'Anything', x: 600, y: 0, w: 480, h: 480 },
  ]
  it('flags a card in a typed zone of another type; untyped frames and matching zones are fine', () => {
    const ids = findings(
      [
        ['n', 'business-need', 'n', {}, 'needs'],
        ['r', 'requirement', 'r', {}, 'needs'],
        ['q', 'question', 'q', {}, 'free'],
      ],
      [['r', 'serves', 'n']],
      zones,
      'card-in-wrong-zone',
    )
    expect(ids).toEqual([`card-in-wrong-zone:${cardId('r')}`])
  })

  it('uses the nearest typed zone among nested frames', () => {
    const records = webRecords([['r', 'requirement', 'r', {}, 'inner']], [], [
      { key: 'outer', name: 'Needs', cardType: 'business-need', x: 0, y: 0, w: 1200, h: 1200 },
      { key: 'inner', name: 'Reqs', cardType: 'requirement', x: 100, y: 100, w: 480, h: 480 },
    ])
    const inner = records.find((r) => r.id === 'shape:t-zone-inner')! as TLRecord & { parentId: string; x: number; y: number }
    const outer = records.find((r) => r.id === 'shape:t-zone-outer')! as TLRecord & { x: number; y: number }
    Object.assign(inner, { parentId: outer.id, x: inner.x - outer.x, y: inner.y - outer.y })
    const web = readWeb(records)
    expect(web.cards[0].zoneId).toBe(inner.id)
    expect(analyzeWeb(web).findings.filter((f) => f.kind === 'card-in-wrong-zone')).toEqual([])
  })
})

describe('[W18] dangling typed arrows; [W19] counts; finding order', () => {
  it('reports a typed arrow with a missing binding, ignores untyped arrows, counts by type', () => {
    const records = webRecords([['n', 'business-need'], ['f', 'research-finding'], ['r', 'requirement']], [
      ['f', 'evidences', 'n'],
      ['r', 'serves', 'n'],
      ['r', 'informs', 'f'],
    ])
    const bindingOfInforms = records.find((r) => r.id === 'binding:t-link-2-end')!
    const untyped = records.find((r) => r.id.startsWith('shape:t-link-1'))! as TLRecord & { meta: object }
    untyped.meta = {}
    const analysis = analyzeWeb(readWeb(records.filter((r) => r !== bindingOfInforms)))
    expect(analysis.findings.map((f) => f.kind)).toEqual(['requirement-without-need', 'dangling-link'])
    expect(analysis.findings[1]).toMatchObject({ linkId: 'shape:t-link-2-r-f', cardIds: [] })
    expect(analysis.cardCounts).toMatchObject({ 'business-need': 1, 'research-finding': 1, requirement: 1, risk: 0 })
    expect(analysis.linkCounts).toMatchObject({ evidences: 1, serves: 0, informs: 0 })
  })

  it('findings are sorted by kind, then by the web order of cards', () => {
    const ids = findings([
      ['k', 'risk'],
      ['r2', 'requirement'],
      ['c', 'constraint'],
      ['r1', 'requirement'],
      ['n', 'business-need'],
    ])
    expect(ids).toEqual([
      `requirement-without-need:${cardId('r2')}`,
      `requirement-without-need:${cardId('r1')}`,
      `need-without-research:${cardId('n')}`,
      `constraint-constrains-nothing:${cardId('c')}`,
      `risk-without-mitigation:${cardId('k')}`,
    ])
  })
})
