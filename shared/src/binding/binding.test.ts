import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLRecord, type TLShape, type TLStore } from '@tldraw/tlschema'
import { createTLStore } from 'tldraw'
import { bindStoreToDoc, type TldrawYjsBinding } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { countShapes, readRecordsFromDoc, writeInitialBoard, writeRecordsToDoc } from './docRecords.js'
import { getRecordsMap, storedEntriesOf, XY_KEY } from './docLayout.js'
import { withLayout } from './docSchema.js'
import { makeArrowBinding, makeArrowShape, makeGeoShape } from './testing.js'
import { linkAll } from './testPeers.js'

const schema = createTLSchema()

function seededDoc(): Y.Doc {
  const doc = new Y.Doc()
  writeInitialBoard(doc, schema)
  return doc
}

/** Two docs kept in sync directly (every update delivered at once); `paused` queues them instead. */
const linkDocs = (a: Y.Doc, b: Y.Doc) => linkAll([a, b])

function client(doc: Y.Doc, store: TLStore = createHeadlessStore()) {
  const binding = bindStoreToDoc({ store, doc })
  return { store, doc, binding }
}

function docRecords(store: TLStore) {
  return store
    .allRecords()
    .filter((r) => (schema.types as Record<string, { scope: string }>)[r.typeName].scope === 'document')
    .sort((a, b) => a.id.localeCompare(b.id))
}

function countTransactions(doc: Y.Doc, origin?: unknown) {
  const seen: unknown[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size > 0 && (origin === undefined || tr.origin === origin)) seen.push(tr.origin)
  })
  return seen
}


/** Two bound clients on one board, linked live (a seeded the board; b joined it). */
function linkedPair() {
  const a = client(seededDoc())
  const b = client(new Y.Doc())
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
  linkDocs(a.doc, b.doc)
  return [a, b] as const
}

describe('binding', () => {
  it('[B1] stores a record as one flat Y.Map without id/typeName, xy together, p./m. keys for props and meta', () => {
    const { store, doc } = client(seededDoc())
    const shape = makeGeoShape({ x: 10, y: 20, props: { color: 'red' } })
    shape.meta = { overlapCard: 'idea' }
    store.put([shape])
    const ymap = getRecordsMap(doc).get(shape.id)!
    const stored = storedEntriesOf(ymap)
    expect(stored.has('id')).toBe(false)
    expect(stored.has('typeName')).toBe(false)
    expect(stored.has('x')).toBe(false)
    expect(stored.get(XY_KEY)).toEqual([10, 20])
    expect(stored.get('p.color')).toBe('red')
    expect(stored.get('m.overlapCard')).toBe('idea')
    expect([...ymap.values()].some((v) => v instanceof Y.AbstractType)).toBe(false)
    expect(readRecordsFromDoc(doc).find((r) => r.id === shape.id)).toEqual(shape)
    expect(countShapes(doc)).toBe(1)
  })

  it('[B2] never writes session or presence records into the doc', () => {
    const { store, doc } = client(seededDoc())
    store.ensureStoreIsUsable() // creates instance, pointer, camera, page state
    expect(store.allRecords().some((r) => r.typeName === 'camera')).toBe(true)
    const types = new Set(readRecordsFromDoc(doc).map((r) => r.typeName))
    expect([...types].sort()).toEqual(['document', 'page'])
  })

  it('[B2] ignores out-of-scope records arriving from the doc and reports them', () => {
    const doc = seededDoc()
    const invalid = vi.fn()
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc, onInvalidRecord: invalid })
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 5, y: 5, z: 1, meta: {} } as unknown as TLRecord
    const shape = makeGeoShape()
    writeRecordsToDoc(doc, [camera, shape], 'peer')
    expect(store.get(camera.id)?.x ?? null).not.toBe(5)
    expect(store.get(shape.id)).toEqual(shape)
    expect(invalid).toHaveBeenCalledWith(expect.objectContaining({ id: camera.id, reason: 'out-of-scope' }))
  })

  it('[B3] changes from the doc are not written back; one local batch is one transaction', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    linkDocs(a.doc, b.doc)
    const bTransactions = countTransactions(b.doc, b.binding.origin)
    const shapes = [makeGeoShape(), makeGeoShape({ x: 50 })]
    const aTransactions = countTransactions(a.doc, a.binding.origin)
    a.store.put(shapes)
    expect(aTransactions).toHaveLength(1)
    expect(b.store.get(shapes[1].id)).toEqual(shapes[1])
    expect(bTransactions).toHaveLength(0)
  })

  it('[B3] listeners with source "user" do not see changes applied through mergeRemoteChanges', () => {
    const store = createHeadlessStore()
    store.ensureStoreIsUsable()
    const seen = vi.fn()
    store.listen(seen, { source: 'user', scope: 'document' })
    store.mergeRemoteChanges(() => store.put([makeGeoShape()]))
    expect(seen).not.toHaveBeenCalled()
  })

  it('[B4] writes only the fields that changed', () => {
    const { store, doc } = client(seededDoc())
    const shape = makeGeoShape()
    store.put([shape])
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const keys: string[] = []
    getRecordsMap(doc).observeDeep((events) => {
      for (const e of events) keys.push(...[...(e as Y.YMapEvent<unknown>).keysChanged].map((k) => [...e.path, k].join('.')))
    })
    store.put([{ ...shape, props: { ...shape.props, color: 'red' } }])
    store.put([{ ...shape, x: 1, props: { ...shape.props, color: 'red' } }])
    expect(keys).toEqual([`${shape.id}.p.color`, `${shape.id}.xy`])
  })

  it('[B5] opening a board writes nothing (server-seeded doc, fresh tldraw store)', () => {
    const server = seededDoc()
    writeRecordsToDoc(server, [makeGeoShape()])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const store = createTLStore()
    bindStoreToDoc({ store, doc })
    store.ensureStoreIsUsable() // what the editor does on mount
    expect(updates).toHaveLength(0)
    expect(docRecords(store)).toEqual(readRecordsFromDoc(doc).sort((a, b) => a.id.localeCompare(b.id)))
  })

  it('[B5] a brand-new local board (empty doc, store with records) is written once with the schema', () => {
    const store = createHeadlessStore()
    store.ensureStoreIsUsable()
    const doc = new Y.Doc()
    bindStoreToDoc({ store, doc })
    expect(readRecordsFromDoc(doc).map((r) => r.typeName).sort()).toEqual(['document', 'page'])
    expect(doc.getMap('board').get('schema')).toEqual(withLayout(schema.serialize()))
  })

  it('[B5] loading removes store document records that the doc does not have', () => {
    const store = createHeadlessStore()
    const stale = makeGeoShape()
    store.put([stale])
    bindStoreToDoc({ store, doc: seededDoc() })
    expect(store.get(stale.id)).toBeUndefined()
  })

  it('[B6] a concurrent move and recolour both survive; a delete wins over a concurrent edit', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    const link = linkDocs(a.doc, b.doc)
    const s1 = makeGeoShape()
    const s2 = makeGeoShape({ x: 300 })
    a.store.put([s1, s2])
    link.pause()
    a.store.put([{ ...s1, x: 99 }])
    b.store.put([{ ...s1, props: { ...s1.props, color: 'red' } }])
    a.store.remove([s2.id])
    b.store.put([{ ...s2, y: 42 }])
    link.resume()
    for (const c of [a, b]) {
      expect(c.store.get(s1.id)).toMatchObject({ x: 99, props: { color: 'red' } })
      expect(c.store.get(s2.id)).toBeUndefined()
    }
  })

  it('[B7] undo reverts only my change and keeps a concurrent remote recolour', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    linkDocs(a.doc, b.doc)
    const shape = makeGeoShape()
    b.store.put([shape])
    a.store.put([{ ...a.store.get(shape.id)!, x: 500 } as TLShape])
    b.store.put([{ ...(b.store.get(shape.id) as TLShape), props: { ...shape.props, color: 'red' } } as TLShape])
    expect(a.binding.canUndo()).toBe(true)
    expect(b.binding.canUndo()).toBe(true)
    a.binding.undo()
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ x: 0, props: { color: 'red' } })
    a.binding.redo()
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ x: 500, props: { color: 'red' } })
  })

  it('[B7] undo never resurrects a shape deleted by someone else', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    linkDocs(a.doc, b.doc)
    const shape = makeGeoShape()
    b.store.put([shape])
    a.store.put([{ ...shape, x: 500 }])
    b.store.remove([shape.id])
    a.binding.undo()
    expect(a.store.get(shape.id)).toBeUndefined()
    expect(b.store.get(shape.id)).toBeUndefined()
    expect(getRecordsMap(a.doc).has(shape.id)).toBe(false)
  })

  it('[B7] undo never reverts a remote change of the same property made after mine', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    linkDocs(a.doc, b.doc)
    const shape = makeGeoShape()
    b.store.put([shape])
    a.store.put([{ ...shape, x: 10 }])
    b.store.put([{ ...shape, x: 20 }])
    // A's only step was overwritten: Y.UndoManager skips it and there is nothing else to undo.
    a.binding.undo()
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ x: 20 })
  })

  it('[B7] undo of my own create and delete round-trips through the store; stopCapturing separates steps', () => {
    const { store, binding } = client(seededDoc())
    const shape = makeGeoShape()
    store.put([shape])
    binding.stopCapturing()
    store.put([{ ...shape, x: 10 }])
    binding.stopCapturing()
    store.remove([shape.id])
    binding.undo()
    expect(store.get(shape.id)).toMatchObject({ x: 10 })
    binding.undo()
    expect(store.get(shape.id)).toMatchObject({ x: 0 })
    binding.undo()
    expect(store.get(shape.id)).toBeUndefined()
    expect(binding.canUndo()).toBe(false)
    binding.redo()
    expect(store.get(shape.id)).toEqual(shape)
  })

  it("[B18] undo never removes a record someone else has changed since: my creating it is refused, their work stays", () => {
    const [a, b] = linkedPair()
    const mine = makeGeoShape()
    const untouched = makeGeoShape()
    a.store.put([mine, untouched]) // one step: a template's worth of shapes
    b.store.put([{ ...(b.store.get(mine.id) as TLShape), props: { ...mine.props, color: 'red' } } as TLShape])
    expect(a.binding.undo()).toBe('refused')
    expect(a.binding.lastRefusedForOthers()).toEqual([mine.id])
    for (const c of [a, b]) {
      expect(c.store.get(mine.id)).toMatchObject({ props: { color: 'red' } })
      expect(c.store.get(untouched.id)).toBeDefined()
    }
    // Refused steps are dropped: nothing else to undo.
    expect(a.binding.undo()).toBe('nothing')
  })

  it("[B18] I make a shape, change it, someone changes it after me: my undo does not reach past my emptied change to delete it", () => {
    const [a, b] = linkedPair()
    const shape = makeGeoShape()
    a.store.put([shape])
    a.binding.stopCapturing()
    a.store.put([{ ...(a.store.get(shape.id) as TLShape), props: { ...shape.props, color: 'blue' } } as TLShape])
    a.binding.stopCapturing()
    // B recolours it after A: A's recolour no longer changes anything.
    b.store.put([{ ...(b.store.get(shape.id) as TLShape), props: { ...shape.props, color: 'red' } } as TLShape])
    // Y.UndoManager would skip A's emptied step and undo the creation below it, unchecked.
    expect(a.binding.undo()).toBe('refused')
    expect(a.binding.lastRefusedForOthers()).toEqual([shape.id])
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ props: { color: 'red' } })
    expect(a.binding.canUndo()).toBe(false)
  })

  it('[B16] a step that changes nothing any more is dropped; the one below is undone, once', () => {
    const [a, b] = linkedPair()
    const shape = makeGeoShape()
    b.store.put([shape])
    a.binding.stopCapturing()
    a.store.put([{ ...(a.store.get(shape.id) as TLShape), x: 10 }])
    a.binding.stopCapturing()
    a.store.put([{ ...(a.store.get(shape.id) as TLShape), props: { ...shape.props, color: 'blue' } } as TLShape])
    a.binding.stopCapturing()
    b.store.put([{ ...(b.store.get(shape.id) as TLShape), props: { ...shape.props, color: 'red' } } as TLShape])
    const seen: string[][] = []
    expect(a.binding.undo((ids) => (seen.push([...ids]), true))).toBe('done')
    // Both steps were shown to the filter, each before it was applied.
    expect(seen).toEqual([[shape.id], [shape.id]])
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ x: 0, props: { color: 'red' } })
    expect(a.binding.canUndo()).toBe(false)
  })

  it('[B18] without anyone else\'s change, undoing my creation removes it; a redo that would delete a record someone changed since is refused', () => {
    const [a, b] = linkedPair()
    const shape = makeGeoShape()
    b.store.put([shape])
    a.binding.stopCapturing()
    a.store.remove([shape.id]) // A deletes B's shape
    expect(a.binding.undo()).toBe('done') // and brings it back
    expect(b.store.get(shape.id)).toBeDefined()
    b.store.put([{ ...(b.store.get(shape.id) as TLShape), x: 77 }]) // B works on it again
    expect(a.binding.redo()).toBe('refused') // A's redo would delete it with B's move
    for (const c of [a, b]) expect(c.store.get(shape.id)).toMatchObject({ x: 77 })

    const own = makeGeoShape()
    a.store.put([own])
    expect(a.binding.undo()).toBe('done')
    for (const c of [a, b]) expect(c.store.get(own.id)).toBeUndefined()
  })

  it('[B16] undo hands the filter the records of the step; a refused step is dropped unapplied', () => {
    const { store, binding } = client(seededDoc())
    const kept = makeGeoShape()
    const moved = makeGeoShape()
    store.put([kept, moved])
    binding.stopCapturing()
    store.put([{ ...moved, x: 10 }])
    binding.stopCapturing()
    store.put([{ ...kept, props: { ...kept.props, color: 'red' } }])
    const seen: string[][] = []
    const refuseMoved = (ids: ReadonlySet<string>) => {
      seen.push([...ids].sort())
      return !ids.has(moved.id)
    }
    expect(binding.undo(refuseMoved)).toBe('done') // the recolour
    expect(store.get(kept.id)).toMatchObject({ props: { color: 'black' } })
    expect(binding.undo(refuseMoved)).toBe('refused') // the move: dropped, not applied
    expect(store.get(moved.id)).toMatchObject({ x: 10 })
    expect(binding.undo(refuseMoved)).toBe('refused') // creating both touches `moved` too
    expect(seen).toEqual([[kept.id], [moved.id], [kept.id, moved.id].sort()])
    expect(binding.canUndo()).toBe(false)
    expect(store.get(kept.id)).toBeDefined()
    expect(binding.undo()).toBe('nothing')
    // Redo still has the recolour, and the filter sees it too.
    expect(binding.redo(() => true)).toBe('done')
    expect(store.get(kept.id)).toMatchObject({ props: { color: 'red' } })
  })

  it('[B16] the records of a step include one deleted (undo would restore it)', () => {
    const { store, binding } = client(seededDoc())
    const shape = makeGeoShape()
    store.put([shape])
    binding.stopCapturing()
    store.remove([shape.id])
    let ids: string[] = []
    expect(binding.undo((s) => ((ids = [...s]), false))).toBe('refused')
    expect(ids).toEqual([shape.id])
    expect(store.get(shape.id)).toBeUndefined()
  })

  it('[B7] undoing my delete restores the whole record even when a peer edited it concurrently', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    const link = linkDocs(a.doc, b.doc)
    const shape = makeGeoShape({ x: 5, y: 6 })
    a.store.put([shape])
    a.binding.stopCapturing()
    link.pause()
    a.store.remove([shape.id])
    b.store.put([{ ...shape, x: 50, props: { ...shape.props, color: 'red' } }])
    link.resume()
    expect(b.store.get(shape.id)).toBeUndefined()
    a.binding.undo()
    for (const c of [a, b]) {
      expect(c.store.get(shape.id)).toEqual(shape)
      const raw = readRecordsFromDoc(c.doc).find((r) => r.id === shape.id)
      expect(raw).toEqual(shape)
    }
  })

  it('[B8] an invalid incoming record is skipped and logged; valid records in the same batch apply', () => {
    const doc = seededDoc()
    const warn = vi.fn()
    const invalid = vi.fn()
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc, log: { warn }, onInvalidRecord: invalid })
    const good = makeGeoShape()
    const bad = { ...makeGeoShape(), props: { ...makeGeoShape().props, color: 'not-a-colour' } } as unknown as TLRecord
    const badType = { ...makeGeoShape(), type: 'no-such-shape' } as unknown as TLRecord
    expect(() => writeRecordsToDoc(doc, [bad, good, badType], 'peer')).not.toThrow()
    expect(store.get(good.id)).toEqual(good)
    expect(store.get(bad.id)).toBeUndefined()
    expect(store.get(badType.id)).toBeUndefined()
    expect(invalid).toHaveBeenCalledTimes(2)
    expect(warn).toHaveBeenCalled()
  })

  it('[B8] an invalid edit of a known record keeps the last valid version', () => {
    const doc = seededDoc()
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc, onInvalidRecord: () => {} })
    const shape = makeGeoShape()
    writeRecordsToDoc(doc, [shape], 'peer')
    getRecordsMap(doc).get(shape.id)!.set('opacity', 'very')
    expect(store.get(shape.id)).toEqual(shape)
  })

  it('[B13] a doc change made inside a store side effect is applied after it, in a microtask', async () => {
    const doc = seededDoc()
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc })
    const remote = makeGeoShape({ x: 7 })
    const trigger = makeGeoShape()
    store.sideEffects.registerAfterCreateHandler('shape', (shape) => {
      if (shape.id === trigger.id) writeRecordsToDoc(doc, [remote], 'peer')
    })
    store.put([trigger])
    expect(store.get(remote.id)).toBeUndefined()
    await Promise.resolve()
    expect(store.get(remote.id)).toEqual(remote)
  })

  it('[B14] writeInitialBoard makes what ensureStoreIsUsable would make in a fresh tldraw store', () => {
    const store = createTLStore()
    store.ensureStoreIsUsable()
    const doc = seededDoc()
    expect(docRecords(store)).toEqual(readRecordsFromDoc(doc).sort((a, b) => a.id.localeCompare(b.id)))
    expect(doc.getMap('board').get('schema')).toEqual(withLayout(store.schema.serialize()))
  })

  it('dispose stops both directions', () => {
    const { store, doc, binding } = client(seededDoc())
    binding.dispose()
    const s = makeGeoShape()
    store.put([s])
    expect(getRecordsMap(doc).has(s.id)).toBe(false)
    writeRecordsToDoc(doc, [makeArrowShape()], 'peer')
    expect(store.allRecords().some((r) => r.typeName === 'shape' && r.type === 'arrow')).toBe(false)
  })

  it('arrow bindings travel as records', () => {
    const a = client(seededDoc())
    const b = client(new Y.Doc())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    linkDocs(a.doc, b.doc)
    const box = makeGeoShape()
    const arrow = makeArrowShape()
    const bind = makeArrowBinding(arrow.id, box.id, 'end')
    a.store.put([box, arrow, bind])
    expect(b.store.get(bind.id)).toEqual(bind)
  })
})

export type { TldrawYjsBinding }
