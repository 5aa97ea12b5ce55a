import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLShape } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { readDocSchema, readRecordsFromDoc, writeRecordsToDoc } from './docRecords.js'
import { CREATION_KEY, getBaseline, getBoardMap, getRecordsMap, readRecord, storedEntries, storedEntriesOf } from './docLayout.js'
import { checkBoardSchema, LAYOUT_SEQUENCE, LAYOUT_VERSION, withLayout } from './docSchema.js'
import { checkDocSchema } from './schemaCheck.js'
import { makeGeoShape } from './testing.js'
import { boundPeers, geoOf, seededBoard } from './testPeers.js'

const schema = createTLSchema()

const seeded = seededBoard

/** A board as layout 1 wrote it: every stored entry its own key, a schema without the layout sequence. */
function layoutOneDoc(records: TLShape[]) {
  const doc = seeded()
  const baseline = getBaseline(doc)
  doc.transact(() => {
    for (const record of records) {
      const ymap = new Y.Map<unknown>()
      for (const [key, value] of storedEntries(record as unknown as Record<string, unknown>, baseline)) ymap.set(key, value)
      getRecordsMap(doc).set(record.id, ymap)
    }
    getBoardMap(doc).set('schema', schema.serialize())
  })
  return doc
}

describe('[B17] creation entry', () => {
  it('[B17] a new record is one `@` key holding the JSON of its stored entries; it reads back whole', () => {
    const shape = makeGeoShape({ x: 5, y: 6, props: { color: 'red' } })
    const doc = seeded([shape])
    const ymap = getRecordsMap(doc).get(shape.id)!
    expect([...ymap.keys()]).toEqual([CREATION_KEY])
    expect(JSON.parse(ymap.get(CREATION_KEY) as string)).toEqual(Object.fromEntries(storedEntries(shape as unknown as Record<string, unknown>, getBaseline(doc))))
    expect(readRecordsFromDoc(doc).find((r) => r.id === shape.id)).toEqual(shape)
  })

  it('[B17] an edit sets only its own key; setting the created value back deletes it; undo returns to the created value', () => {
    const shape = makeGeoShape({ x: 1, y: 2, props: { color: 'red' } })
    const [a] = boundPeers(1, seeded([shape])).all
    const ymap = getRecordsMap(a.doc).get(shape.id)!
    a.store.put([{ ...geoOf(a, shape.id), x: 50 }])
    expect([...ymap.keys()].sort()).toEqual([CREATION_KEY, 'xy'])
    expect(ymap.get('xy')).toEqual([50, 2])
    a.binding.stopCapturing()
    a.binding.undo()
    expect(ymap.has('xy')).toBe(false)
    expect(geoOf(a, shape.id).x).toBe(1)
    a.store.put([{ ...geoOf(a, shape.id), props: { ...geoOf(a, shape.id).props, color: 'blue' } }])
    a.store.put([{ ...geoOf(a, shape.id), props: { ...geoOf(a, shape.id).props, color: 'red' } }])
    expect(ymap.has('p.color')).toBe(false)
    expect(readRecordsFromDoc(a.doc).find((r) => r.id === shape.id)).toEqual(shape)
  })

  it('[B17][B6] concurrent edits of different fields of a created record both survive; a delete still wins', () => {
    const shape = makeGeoShape()
    const other = makeGeoShape({ x: 300 })
    const { all, link } = boundPeers(2, seeded([shape, other]))
    const [a, b] = all
    link.pause()
    a.store.put([{ ...geoOf(a, shape.id), x: 40 }])
    b.store.put([{ ...geoOf(b, shape.id), props: { ...geoOf(b, shape.id).props, color: 'green' } }])
    a.store.remove([other.id])
    b.store.put([{ ...geoOf(b, other.id), y: 99 }])
    link.resume()
    const expected = { ...shape, x: 40, props: { ...shape.props, color: 'green' } }
    for (const peer of all) {
      expect(peer.store.get(shape.id)).toEqual(expected)
      expect(peer.store.get(other.id)).toBeUndefined()
    }
  })

  it('[B17] a field the record no longer has is stored as `undefined` and reads as absent', () => {
    const shape = makeGeoShape({ props: { color: 'red' } })
    shape.meta = { overlapCard: 'idea', note: 'x' }
    const [a] = boundPeers(1, seeded([shape])).all
    const { note: _note, ...meta } = shape.meta
    a.store.put([{ ...geoOf(a, shape.id), meta }])
    const ymap = getRecordsMap(a.doc).get(shape.id)!
    expect(ymap.has('m.note')).toBe(true)
    expect(ymap.get('m.note')).toBeUndefined()
    expect(storedEntriesOf(ymap).has('m.note')).toBe(false)
    expect(readRecordsFromDoc(a.doc).find((r) => r.id === shape.id)).toEqual({ ...shape, meta })
  })

  it('[B17][B8] a `@` that is not a JSON object reads as nothing stored: the record fails validation and is skipped', () => {
    const doc = seeded()
    const ymap = new Y.Map<unknown>()
    ymap.set(CREATION_KEY, '{not json')
    ymap.set('type', 'geo')
    getRecordsMap(doc).set('shape:broken', ymap)
    expect(readRecord('shape:broken', ymap, getBaseline(doc))).toMatchObject({ id: 'shape:broken', type: 'geo' })
    const invalid = vi.fn()
    const good = makeGeoShape()
    writeRecordsToDoc(doc, [good])
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc, onInvalidRecord: invalid, log: { warn: () => {} } })
    expect(store.get(good.id)).toEqual(good)
    expect(store.get('shape:broken' as TLShape['id'])).toBeUndefined()
    expect(invalid).toHaveBeenCalledWith(expect.objectContaining({ id: 'shape:broken', reason: 'invalid' }))
  })
})

describe('[B17] layout version in the stored schema', () => {
  it('[B17] new boards store the layout sequence; tldraw sees the schema without it', () => {
    const doc = seeded()
    expect(getBoardMap(doc).get('schema')).toEqual(withLayout(schema.serialize()))
    expect((getBoardMap(doc).get('schema') as { sequences: Record<string, number> }).sequences[LAYOUT_SEQUENCE]).toBe(LAYOUT_VERSION)
    expect(readDocSchema(doc)).toEqual(schema.serialize())
    expect(checkBoardSchema(getBoardMap(doc).get('schema'), schema)).toBe('same')
  })

  it('[B17][B10] a client built before layout 2 sees a newer schema (read-only), never records it misreads', () => {
    // Such a client compares the stored schema with its own, which has no layout sequence.
    expect(checkDocSchema(withLayout(schema.serialize()), schema)).toBe('newer')
  })

  it('[B17][B10] a newer or malformed layout makes the binding read-only', () => {
    const serialized = schema.serialize()
    for (const layout of [LAYOUT_VERSION + 1, 'two', 0]) {
      const raw = { ...serialized, sequences: { ...serialized.sequences, [LAYOUT_SEQUENCE]: layout } }
      expect(checkBoardSchema(raw, schema)).toBe('newer')
      const doc = seeded()
      getBoardMap(doc).set('schema', raw)
      const binding = bindStoreToDoc({ store: createHeadlessStore(), doc, log: { warn: () => {} } })
      expect(binding.getReadonlyReason()).toBe('newer-schema')
    }
  })

  it('[B17][B9] a layout-1 board reads as it is; binding it writes the layout sequence and nothing else', () => {
    const shape = makeGeoShape({ x: 7, props: { color: 'violet' } })
    const doc = layoutOneDoc([shape])
    expect(checkBoardSchema(getBoardMap(doc).get('schema'), schema)).toBe('older')
    const recordsBefore = Y.encodeStateVector(doc)
    const changedRecords = vi.fn()
    getRecordsMap(doc).observeDeep(changedRecords)
    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc })
    expect(binding.getReadonlyReason()).toBeNull()
    expect(store.get(shape.id)).toEqual(shape)
    expect(changedRecords).not.toHaveBeenCalled()
    expect(Y.encodeStateVector(doc)).not.toEqual(recordsBefore)
    expect(getBoardMap(doc).get('schema')).toEqual(withLayout(schema.serialize()))
    // Edits of a layout-1 record keep writing single keys.
    store.put([{ ...geoOf({ store }, shape.id), x: 8 }])
    expect(getRecordsMap(doc).get(shape.id)!.get('xy')).toEqual([8, 0])
    expect(getRecordsMap(doc).get(shape.id)!.has(CREATION_KEY)).toBe(false)
  })

  it('[B17] writing a new record into a layout-1 board raises its layout first (server-side writes too)', () => {
    const doc = layoutOneDoc([makeGeoShape()])
    writeRecordsToDoc(doc, [makeGeoShape({ x: 9 })])
    expect(checkBoardSchema(getBoardMap(doc).get('schema'), schema)).toBe('same')
  })
})
