import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { readWeb } from './readWeb.js'
import { cardId, webRecords } from './testing.js'
import { makeGeoShape } from '../binding/testing.js'

type Mutable = TLRecord & Record<string, unknown>

describe('readWeb', () => {
  const zones = [{ key: 'z', name: 'Research', cardType: 'research-finding' as const, x: 1000, y: 500, w: 480, h: 480 }]
  const records = () =>
    webRecords(
      [
        ['r2', 'requirement', 'Second\nline', { priority: 'must' }],
        ['n', 'business-need', 'Need'],
        ['f', 'research-finding', 'Finding', { source: 'survey', confidence: 'medium' }, 'z'],
        ['r1', 'requirement', 'First'],
      ],
      [
        ['r1', 'serves', 'n'],
        ['f', 'evidences', 'n', 'both'],
      ],
      zones,
    )

  it('[W5] cards: type, plain text, fields, page position through frames, zone', () => {
    const web = readWeb(records())
    const f = web.cards.find((c) => c.id === cardId('f'))!
    // Frame at zone-area x (460) + 1000, card at (20, 20) inside it.
    expect(f).toMatchObject({ type: 'research-finding', text: 'Finding', fields: { source: 'survey', confidence: 'medium' }, x: 1480, y: 520 })
    expect(f.zoneId).toBe('shape:t-zone-z')
    expect(f.parentFrameId).toBe('shape:t-zone-z')
    expect(f.zoneType).toBe('research-finding')
    expect(f.pageId).toBe('page:page')
    expect(web.cards.find((c) => c.id === cardId('r2'))!.text).toBe('Second\nline')
    expect(web.zones).toEqual([{ id: 'shape:t-zone-z', type: 'research-finding', name: 'Research', pageId: 'page:page', x: 1460, y: 500, w: 480, h: 480 }])
  })

  it('[W7] order: card type, then top-left to bottom-right, then id; independent of record order', () => {
    const web = readWeb(records())
    expect(web.cards.map((c) => c.id)).toEqual(['n', 'f', 'r2', 'r1'].map(cardId))
    const reversed = readWeb([...records()].reverse())
    expect(reversed).toEqual(web)
  })

  it('[W6] links resolve from arrow bindings; typed arrows not bound to two cards are dangling', () => {
    const web = readWeb(records())
    expect(web.links.map((l) => [l.type, l.fromCardId, l.toCardId, l.twoWay, l.label])).toEqual([
      ['evidences', cardId('f'), cardId('n'), true, 'evidences'],
      ['serves', cardId('r1'), cardId('n'), false, 'serves'],
    ])
    const rs = records()
    const geo = makeGeoShape({ id: 'shape:geo' as never })
    const toGeo = rs.map((r) => (r.id === 'binding:t-link-0-end' ? ({ ...r, toId: geo.id } as TLRecord) : r))
    expect(readWeb([...toGeo, geo]).dangling).toEqual([{ id: 'shape:t-link-0-r1-n', type: 'serves', reasons: ['end-not-card'] }])
    const unbound = rs.filter((r) => !r.id.startsWith('binding:t-link-1'))
    expect(readWeb(unbound).dangling).toEqual([{ id: 'shape:t-link-1-f-n', type: 'evidences', reasons: ['start-unbound', 'end-unbound'] }])
  })

  it('[W6] an arrow with both ends on one card (easy to draw where cards overlap) links nothing: it is dangling, said so', () => {
    const rs = records()
    const selfLink = rs.map((r) => (r.id === 'binding:t-link-0-end' ? ({ ...r, toId: cardId('r1') } as TLRecord) : r))
    const web = readWeb(selfLink)
    expect(web.links.map((l) => l.id)).toEqual(['shape:t-link-1-f-n'])
    expect(web.dangling).toEqual([{ id: 'shape:t-link-0-r1-n', type: 'serves', reasons: ['same-card'] }])
  })

  it('[W8] untrusted input: untyped notes, bad meta, missing parents and junk records are skipped without throwing', () => {
    const rs = records() as Mutable[]
    const n = rs.find((r) => r.id === cardId('n'))!
    n.meta = { overlapCard: 'vision' }
    const f = rs.find((r) => r.id === cardId('f'))!
    f.parentId = 'shape:gone'
    const web = readWeb([...rs, null, 42, { typeName: 'shape' }, { typeName: 'binding', type: 'arrow' }] as unknown[])
    expect(web.cards.map((c) => c.id)).toEqual(['f', 'r2', 'r1'].map(cardId))
    expect(web.cards[0]).toMatchObject({ zoneId: null, parentFrameId: null, x: 20, y: 20 })
    expect(web.links).toEqual([])
    expect(web.dangling.map((d) => d.reasons)).toEqual([['end-not-card'], ['end-not-card']])
  })
})
