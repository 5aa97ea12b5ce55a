import { describe, expect, it } from 'vitest'
import { soWhatChain, whyChain } from './chains.js'
import { readWeb } from './readWeb.js'
import { cardId, webRecords, type CardSpec, type LinkSpec } from './testing.js'

const web = (cards: CardSpec[], links: LinkSpec[]) => readWeb(webRecords(cards, links))
const ids = (keys: string[]) => keys.map(cardId)

describe('[W9] whyChain', () => {
  const w = web(
    [['n1', 'business-need'], ['n2', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement'], ['a', 'architecture-option']],
    [
      ['a', 'satisfies', 'r1'],
      ['r1', 'serves', 'n1'],
      ['r1', 'depends-on', 'r2'],
      ['r2', 'serves', 'n2'],
      ['n1', 'serves', 'n2'],
    ],
  )

  it('walks serves/satisfies up and depends-on down to business needs, which end the walk', () => {
    const chain = whyChain(w, cardId('a'))
    expect(chain.steps.map((s) => [s.cardId, s.depth, s.viaLinkType])).toEqual([
      [cardId('r1'), 1, 'satisfies'],
      [cardId('n1'), 2, 'serves'],
    ])
    // n1 serves n2 but needs are not expanded.
    expect(chain.reached).toEqual(ids(['n1']))
    expect(whyChain(w, cardId('r2')).reached).toEqual(ids(['n2', 'n1']))
    expect(whyChain(w, cardId('n1')).reached).toEqual(ids(['n2']))
  })

  it('is cycle-safe and walks two-way links both ways', () => {
    const cyc = web(
      [['n', 'business-need'], ['r1', 'requirement'], ['r2', 'requirement']],
      [['r1', 'serves', 'r2'], ['r2', 'serves', 'r1'], ['n', 'serves', 'r2', 'both']],
    )
    const chain = whyChain(cyc, cardId('r1'))
    expect(chain.steps.map((s) => s.cardId)).toEqual(ids(['r2', 'n']))
    expect(chain.reached).toEqual(ids(['n']))
    expect(whyChain(cyc, 'shape:missing')).toEqual({ startId: 'shape:missing', steps: [], reached: [] })
  })
})

describe('[W10] soWhatChain', () => {
  it('walks down from a need to requirements and decisions, through options and research', () => {
    const w = web(
      [['n', 'business-need'], ['f', 'research-finding'], ['a', 'architecture-option'], ['r', 'requirement'], ['d', 'decision'], ['k', 'risk']],
      [
        ['f', 'evidences', 'n'],
        ['a', 'serves', 'n'],
        ['r', 'satisfies', 'a'],
        ['f', 'informs', 'd'],
        ['d', 'mitigates', 'k'],
      ],
    )
    expect(soWhatChain(w, cardId('n')).reached).toEqual(ids(['r']))
    expect(soWhatChain(w, cardId('f')).reached).toEqual(ids(['d', 'r']))
    // Ties in web.links order (by start card, then LINK_TYPES order: informs before evidences).
    const f = soWhatChain(w, cardId('f'))
    expect(f.steps.map((s) => s.cardId)).toEqual(ids(['d', 'n', 'a', 'r']))
    expect(soWhatChain(w, cardId('k')).reached).toEqual(ids(['d']))
  })

  it('[W11] is cycle-safe with two-way links', () => {
    const w = web(
      [['c', 'constraint'], ['a', 'architecture-option'], ['r', 'requirement']],
      [['c', 'constrains', 'a', 'both'], ['a', 'constrains', 'c'], ['a', 'constrains', 'r']],
    )
    expect(soWhatChain(w, cardId('c')).steps.map((s) => s.cardId)).toEqual(ids(['a', 'r']))
    expect(soWhatChain(w, cardId('a')).reached).toEqual(ids(['r']))
  })
})
