import { describe, expect, it } from 'vitest'
import { compareItems } from './compareItems'

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
