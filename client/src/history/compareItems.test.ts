import { describe, expect, it } from 'vitest'
import { compareItems } from './compareItems'
// Test-only web builder from the shared package's sources (not part of its public index).
import { cardId, webRecords } from '../../../shared/src/web/testing'

const page = 'page:page'
const note = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
  id,
  typeName: 'shape',
  type: 'note',
  parentId: page,
  x: 0,
  y: 0,
  props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
  meta: {},
  ...extra,
})

describe('compareItems', () => {
  it('lists added, removed and changed shapes with readable labels and zoom targets', () => {
    const before = [note('shape:a', 'kept'), note('shape:b', 'gone', { parentId: 'shape:frame' }), note('shape:c', 'old text')]
    const after = [note('shape:a', 'kept', { x: 300 }), note('shape:c', 'new text'), note('shape:d', 'fresh', { x: 40, y: 50 })]
    const { items } = compareItems(before, after)
    const by = (id: string) => items.find((i) => i.id === id)!
    expect(by('shape:d')).toMatchObject({ change: 'added', label: 'note “fresh”', box: { x: 40, y: 50 } })
    // Nested: no page box, but the frame it was in is the zoom target.
    expect(by('shape:b')).toMatchObject({ change: 'removed', label: 'note “gone”', box: null, parentShapeId: 'shape:frame' })
    expect(by('shape:c')).toMatchObject({ change: 'changed', details: ['text'] })
    expect(by('shape:a')).toMatchObject({ change: 'changed', details: ['moved'] })
    expect(items).toHaveLength(4)
  })

  it('reports nothing for equal boards and ignores non-shape records', () => {
    const recs = [note('shape:a', 'x'), { id: 'page:page', typeName: 'page' }, null, 'junk']
    expect(compareItems(recs, recs).items).toEqual([])
  })
})

describe('compareItems: a card deleted under a link', () => {
  it('shows the arrow that lost its card as one link row, not a changed arrow plus a removed link', () => {
    const before = webRecords([['need', 'business-need'], ['req', 'requirement']], [['req', 'serves', 'need']]) as unknown as Array<Record<string, unknown>>
    const arrow = before.find((r) => r.typeName === 'shape' && r.type === 'arrow')!
    // What tldraw leaves when a bound card is deleted: the card and its binding go, the arrow's end
    // becomes a free point (its props change).
    const after = before
      .filter((r) => r.id !== cardId('need') && !(r.typeName === 'binding' && r.toId === cardId('need')))
      .map((r) => (r.id === arrow.id ? { ...r, props: { ...(r.props as object), end: { x: 123, y: 45 } } } : r))
    const { items } = compareItems(before, after)
    expect(items.filter((i) => i.id === arrow.id)).toEqual([
      expect.objectContaining({ change: 'changed', kind: 'link', label: 'link “serves”', details: ['no longer joins two cards'] }),
    ])
    expect(items.find((i) => i.id === cardId('need'))).toMatchObject({ change: 'removed', kind: 'card' })
    expect(items).toHaveLength(2)
  })
})
