import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { installYjsPatches } from './yjsPatches.js'

/**
 * The receiver holds the first clock of a run as `GC` (sent on by a peer that collected it) while its
 * own undo manager keeps the deleted parent alive; then the whole run arrives from its author, in an
 * update computed before the GC arrived (a delayed message, or a sync step 2 that crossed it).
 */
function scenario(): { deliverLate: () => void; receiver: Y.Doc; author: Y.Doc } {
  const author = new Y.Doc()
  author.clientID = 2
  const collector = new Y.Doc()
  collector.clientID = 3
  const receiver = new Y.Doc()
  receiver.clientID = 1
  const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))

  const text = new Y.Text()
  author.getMap('records').set('k', text)
  sync(author, receiver) // the receiver has the record, not its text
  text.insert(0, 'a')
  sync(author, collector)
  text.insert(1, 'b') // merges with 'a' into one run: 2:1 of length 2
  const late = Y.encodeStateAsUpdate(author, Y.encodeStateVector(receiver))

  // The collector deletes the record: its text is collected, 'a' becomes a GC struct.
  collector.getMap('records').delete('k')
  // The receiver deletes it too, under an undo manager that keeps the deleted text for a later undo.
  const origin = { local: true }
  const undo = new Y.UndoManager(receiver.getMap('records'), { trackedOrigins: new Set([origin]) })
  receiver.transact(() => receiver.getMap('records').delete('k'), origin)
  sync(collector, receiver) // 'a' arrives as GC
  expect(undo.undoStack).toHaveLength(1)
  return { deliverLate: () => Y.applyUpdate(receiver, late), receiver, author } // the run 'ab' arrives whole
}

describe('[B12] Yjs patches', () => {
  it('[B12] without the patch, Yjs 13.6 throws while applying a run whose first part is held as GC', () => {
    // Runs first, before any binding in this file installed the patch.
    expect(scenario().deliverLate).toThrow(/reading 'origin'/)
  })

  it('[B12] with the patch the run is applied: the new part is collected like its left neighbour', () => {
    installYjsPatches()
    const { deliverLate, receiver, author } = scenario()
    expect(deliverLate).not.toThrow()
    // Every clock of the author is there (as GC), the record stays deleted, the doc still encodes.
    expect(Y.decodeStateVector(Y.encodeStateVector(receiver)).get(2)).toBe(Y.decodeStateVector(Y.encodeStateVector(author)).get(2))
    expect(receiver.getMap('records').has('k')).toBe(false)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(receiver))
    expect(copy.getMap('records').has('k')).toBe(false)
  })
})
