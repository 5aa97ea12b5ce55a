import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { writeRecordsToDoc } from '@overlap/shared'
import { cardTitleReader } from './cardTitle.js'

describe('[WS7] card titles for vote results', () => {
  it('[WS7] reads a note’s rich text as one line; a text-less shape is empty; a card no longer on the board says it was deleted', () => {
    const doc = new Y.Doc()
    const note = {
      id: 'shape:n', typeName: 'shape', type: 'note', parentId: 'page:page', index: 'a1', x: 0, y: 0, rotation: 0,
      isLocked: false, opacity: 1, meta: {},
      props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ship  it' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'soon' }] }] } },
    }
    const geo = { ...note, id: 'shape:g', type: 'geo', props: { w: 1 } }
    writeRecordsToDoc(doc, [note, geo] as unknown as TLRecord[])
    const title = cardTitleReader(doc)
    expect(title('shape:n')).toBe('Ship it soon')
    expect(title('shape:g')).toBe('')
    expect(title('shape:gone')).toBe('(card deleted during the vote)')
  })
})
