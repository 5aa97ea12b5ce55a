import { describe, expect, it } from 'vitest'
import { toRichText, type TLRecord } from '@tldraw/tlschema'
import { diffRecords, MOVE_THRESHOLD } from './diffBoards.js'
import { summarizeRecords } from './summary.js'
import { cardId, webRecords } from '../web/testing.js'
import { makeGeoShape } from '../binding/testing.js'

type Mutable = TLRecord & Record<string, unknown> & { props: Record<string, unknown>; meta: Record<string, unknown> }
const clone = (records: TLRecord[]) => structuredClone(records) as Mutable[]
const byId = (records: Mutable[], id: string) => records.find((r) => r.id === id)!

describe('diffRecords [SN10]', () => {
  const base = () =>
    webRecords(
      [
        ['need', 'business-need', 'Faster checkout'],
        ['req', 'requirement', 'One-click pay', { priority: 'must' }],
        ['risk', 'risk', 'Fraud'],
      ],
      [['req', 'serves', 'need']]
    )

  it('identical boards have no differences', () => {
    const d = diffRecords(base(), base())
    expect(d).toEqual({
      shapes: { added: [], removed: [], changed: [] },
      cards: { added: [], removed: [], changed: [] },
      links: { added: [], removed: [] },
    })
  })

  it('reports added and removed shapes, cards among them, and links that appear or go', () => {
    const before = base()
    const geo = makeGeoShape({ x: 5000 })
    const after = clone(before).filter((r) => r.id !== cardId('risk'))
    after.push(geo as Mutable)
    const d = diffRecords(before, after)
    expect(d.shapes.added).toEqual([geo.id])
    expect(d.shapes.removed).toEqual([cardId('risk')])
    expect(d.cards.added).toEqual([])
    expect(d.cards.removed).toEqual([cardId('risk')])
    // Removing the arrow's binding breaks the link: it is reported as removed.
    const unlinked = clone(before).filter((r) => r.typeName !== 'binding')
    const d2 = diffRecords(before, unlinked)
    expect(d2.links.removed).toHaveLength(1)
    expect(d2.links.removed[0]).toMatchObject({ type: 'serves', fromCardId: cardId('req'), toCardId: cardId('need') })
    expect(diffRecords(unlinked, before).links.added).toHaveLength(1)
  })

  it('names text, card type, style and meta changes of one card separately', () => {
    const before = base()
    const after = clone(before)
    const req = byId(after, cardId('req'))
    req.props.richText = toRichText('Two-click pay')
    req.props.color = 'violet'
    req.meta.overlapCard = 'constraint'
    req.meta.priority = 'could'
    const d = diffRecords(before, after)
    expect(d.shapes.changed).toEqual([{ id: cardId('req'), type: 'note', changes: ['text', 'cardType', 'props', 'meta'] }])
    expect(d.cards.changed).toEqual(d.shapes.changed)
  })

  it(`reports a move only beyond ${MOVE_THRESHOLD} px, and a new parent`, () => {
    const before = base()
    const nudged = clone(before)
    byId(nudged, cardId('need')).x = (byId(nudged, cardId('need')).x as number) + 5
    expect(diffRecords(before, nudged).shapes.changed).toEqual([])
    const moved = clone(before)
    byId(moved, cardId('need')).y = (byId(moved, cardId('need')).y as number) + 40
    expect(diffRecords(before, moved).shapes.changed).toEqual([{ id: cardId('need'), type: 'note', changes: ['moved'] }])
    expect(diffRecords(before, moved, { moveThreshold: 100 }).shapes.changed).toEqual([])
  })

  it('compares plain `text` props of older records too, and ignores odd records', () => {
    const a = [{ id: 'shape:x', typeName: 'shape', type: 'text', x: 0, y: 0, props: { text: 'old' }, meta: {} }, null, 42]
    const b = [{ id: 'shape:x', typeName: 'shape', type: 'text', x: 0, y: 0, props: { text: 'new' }, meta: {} }]
    expect(diffRecords(a, b).shapes.changed).toEqual([{ id: 'shape:x', type: 'text', changes: ['text'] }])
  })
})

describe('summarizeRecords [SN2]', () => {
  it('counts shapes, typed cards and links', () => {
    const records = [...webRecords([['a', 'requirement'], ['b', 'business-need']], [['a', 'serves', 'b']]), makeGeoShape()]
    const shapes = records.filter((r) => r.typeName === 'shape').length
    expect(shapes).toBeGreaterThanOrEqual(4) // 2 notes, 1 arrow, 1 geo (+ whatever the builder adds)
    expect(summarizeRecords(records)).toEqual({ shapes, cards: 2, links: 1 })
    expect(summarizeRecords([])).toEqual({ shapes: 0, cards: 0, links: 0 })
  })
})
