import { describe, expect, it } from 'vitest'
import type { Editor } from 'tldraw'
import { withoutHiddenShapes } from './visibleRecords'

describe('records this user may export', () => {
  it('[WS8] drops the shapes the editor hides and the bindings that touch them, keeps the rest', () => {
    const records = [
      { id: 'shape:draft', typeName: 'shape' },
      { id: 'shape:card', typeName: 'shape' },
      { id: 'shape:arrow', typeName: 'shape' },
      { id: 'binding:a', typeName: 'binding', fromId: 'shape:arrow', toId: 'shape:draft' },
      { id: 'binding:b', typeName: 'binding', fromId: 'shape:arrow', toId: 'shape:card' },
      { id: 'page:p', typeName: 'page' },
    ]
    const editor = { isShapeHidden: (id: string) => id === 'shape:draft' } as unknown as Editor
    expect(withoutHiddenShapes(editor, records).map((r) => r.id)).toEqual(['shape:card', 'shape:arrow', 'binding:b', 'page:p'])
    const none = { isShapeHidden: () => false } as unknown as Editor
    expect(withoutHiddenShapes(none, records)).toEqual(records)
  })
})
