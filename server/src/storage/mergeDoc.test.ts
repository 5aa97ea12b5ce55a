import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { loadStoredDoc, mergeStoredDoc } from './mergeDoc.js'
import type { StoredDoc } from './BoardStorage.js'

/** The 24-byte update that broke a board for good before [S16] refused zero-length structs. */
const ZERO_LENGTH_STRUCT = Buffer.from('01022100080103617272017d010101036172720000', 'hex')

/** An item whose origin is a later item of its own client: Yjs throws while applying it. */
function selfOriginUpdate(): Uint8Array {
  const e = encoding.createEncoder()
  for (const n of [1, 1, 77, 0]) encoding.writeVarUint(e, n) // one client, one struct, client 77 from clock 0
  encoding.writeUint8(e, 8 | 0x80) // ContentAny, with an origin
  for (const n of [77, 1]) encoding.writeVarUint(e, n) // origin 77:1, not before the item at 77:0
  encoding.writeVarUint(e, 1)
  encoding.writeAny(e, 1)
  encoding.writeVarUint(e, 0) // empty delete set
  return encoding.toUint8Array(e)
}

/** A delete range of length 0 on the author's first item: applies without a throw, then the doc cannot encode. */
function emptyDeleteRange(): Uint8Array {
  const e = encoding.createEncoder()
  for (const n of [0, 1, 5, 1, 0, 0]) encoding.writeVarUint(e, n)
  return encoding.toUint8Array(e)
}

/** A board's state and log: three good edits with a bad one among them. */
function storedWith(bad: Uint8Array): StoredDoc {
  const author = new Y.Doc()
  author.clientID = 5
  const updates: Uint8Array[] = []
  author.on('update', (u: Uint8Array) => updates.push(u))
  author.getMap('records').set('shape:1', 'one')
  author.getMap('records').set('shape:2', 'two')
  const stateV2 = Y.encodeStateAsUpdateV2(author)
  updates.length = 0
  author.getMap('records').set('shape:3', 'three')
  updates.splice(0, 0, bad)
  author.getMap('records').set('shape:4', 'four')
  return { stateV2, updates }
}

function expectWholeBoardBut(doc: Y.Doc) {
  expect(doc.getMap('records').toJSON()).toEqual({ 'shape:1': 'one', 'shape:2': 'two', 'shape:3': 'three', 'shape:4': 'four' })
  // A joiner can load what the doc encodes.
  const joiner = new Y.Doc()
  Y.applyUpdate(joiner, Y.encodeStateAsUpdate(doc))
  expect(joiner.getMap('records').size).toBe(4)
}

describe('loadStoredDoc [S38]', () => {
  it.each([
    ['a zero-length struct', ZERO_LENGTH_STRUCT],
    ['a zero-length delete range (no throw: the doc just stops encoding)', emptyDeleteRange()],
  ])('[S38] leaves out a stored update the [S16] check refuses (%s), keeps every other, and the doc still encodes', (_what, bad) => {
    const { doc, skipped } = loadStoredDoc(storedWith(bad))
    expect(skipped).toBe(1)
    expectWholeBoardBut(doc)
  })

  it('[S38] an update that throws although the check passed it: the load starts over without it', () => {
    const bad = selfOriginUpdate()
    // The premise: applying it throws.
    expect(() => Y.applyUpdate(new Y.Doc(), bad)).toThrow()
    const { doc, skipped } = loadStoredDoc(storedWith(bad), () => ({ ok: true }))
    expect(skipped).toBe(1)
    expectWholeBoardBut(doc)
  })

  it('[S38] compaction folds the log without the bad update', () => {
    const doc = new Y.Doc()
    Y.applyUpdateV2(doc, mergeStoredDoc(storedWith(ZERO_LENGTH_STRUCT)))
    expectWholeBoardBut(doc)
  })

  it('a clean log loads whole, nothing left out', () => {
    const stored = storedWith(new Uint8Array([0, 0]))
    const { doc, skipped } = loadStoredDoc(stored)
    expect(skipped).toBe(0)
    expectWholeBoardBut(doc)
  })
})
