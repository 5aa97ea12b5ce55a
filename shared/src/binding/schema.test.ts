import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { checkDocSchema } from './schemaCheck.js'
import { createHeadlessStore } from './headlessStore.js'
import { readRecordsFromDoc, writeInitialBoard, writeRecordsToDoc } from './docRecords.js'
import { getBoardMap, getRecordsMap } from './docLayout.js'
import { BASELINE_KEY, defaultBaselineTable, type BaselineTable } from './baseline.js'
import { makeGeoShape } from './testing.js'
import { withLayout } from './docSchema.js'

const schema = createTLSchema()
const current = schema.serialize()

function withSequence(id: string, version: number) {
  return { ...current, sequences: { ...current.sequences, [id]: version } }
}

/** A geo shape as tldraw wrote it before `com.tldraw.shape.geo` 12 (AddFlipProps). */
function geoBeforeFlip(x = 0): TLRecord {
  const shape = makeGeoShape({ x })
  const { flipX: _x, flipY: _y, ...props } = shape.props
  return { ...shape, props } as unknown as TLRecord
}

/** The baseline an older version would have written: geo props as of that version. */
function olderBaseline(edit: (geo: Record<string, unknown>) => void): BaselineTable {
  const table = defaultBaselineTable()
  edit(table.records.shape.props!.geo)
  return table
}

function olderDoc() {
  const doc = new Y.Doc()
  writeInitialBoard(doc, schema)
  getBoardMap(doc).set(BASELINE_KEY, olderBaseline((geo) => {
    delete geo.flipX
    delete geo.flipY
  }))
  writeRecordsToDoc(doc, [geoBeforeFlip(1), geoBeforeFlip(2)])
  getBoardMap(doc).set('schema', withSequence('com.tldraw.shape.geo', 11))
  return doc
}

describe('checkDocSchema', () => {
  it('[B9] same, older (lower version or missing sequence), newer (higher version)', () => {
    expect(checkDocSchema(current, schema)).toBe('same')
    expect(checkDocSchema(withSequence('com.tldraw.shape.geo', 11), schema)).toBe('older')
    const { ['com.tldraw.shape.note']: _n, ...fewer } = current.sequences
    expect(checkDocSchema({ ...current, sequences: fewer }, schema)).toBe('older')
    expect(checkDocSchema(withSequence('com.tldraw.shape.geo', 99), schema)).toBe('newer')
  })

  it('[B10] unknown sequence ids, a missing or malformed schema count as newer', () => {
    expect(checkDocSchema(withSequence('com.example.shape.sticker', 0), schema)).toBe('newer')
    expect(checkDocSchema(undefined, schema)).toBe('newer')
    expect(checkDocSchema({ schemaVersion: 3 }, schema)).toBe('newer')
    expect(checkDocSchema({ schemaVersion: 2, sequences: { 'com.tldraw.shape': 'x' } }, schema)).toBe('newer')
  })
})

describe('binding and schemas', () => {
  it('[B9] an older doc is migrated once: changed records and the schema in one transaction', () => {
    const doc = olderDoc()
    const transactions: Y.Transaction[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.changed.size > 0) transactions.push(tr)
    })
    const changedKeys: string[] = []
    getRecordsMap(doc).observeDeep((events) => {
      for (const e of events) changedKeys.push(String(e.path[0]))
    })
    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc })
    expect(transactions).toHaveLength(1)
    expect(new Set(changedKeys).size).toBe(2) // the two geo shapes; document and page untouched
    expect(getBoardMap(doc).get('schema')).toEqual(withLayout(current))
    expect(binding.getReadonlyReason()).toBeNull()
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape')
    expect(shapes.map((s) => (s as { props: { flipX: boolean } }).props.flipX)).toEqual([false, false])

    // A second client meeting the migrated doc writes nothing.
    const doc2 = new Y.Doc()
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc))
    const updates = vi.fn()
    doc2.on('update', updates)
    bindStoreToDoc({ store: createHeadlessStore(), doc: doc2 })
    expect(updates).not.toHaveBeenCalled()
  })

  it('[B9][B15] a migration that removes a prop the baseline supplies narrows the baseline', () => {
    // Geo shapes as tldraw wrote them before AddRichText (geo 10): `text`, no richText, no flips.
    const doc = new Y.Doc()
    writeInitialBoard(doc, schema)
    getBoardMap(doc).set(BASELINE_KEY, olderBaseline((geo) => {
      delete geo.flipX
      delete geo.flipY
      delete geo.richText
      geo.text = ''
    }))
    const old = (x: number, text: string) => {
      const { flipX: _x, flipY: _y, richText: _r, ...props } = makeGeoShape({ x }).props
      return { ...makeGeoShape({ x }), props: { ...props, text } } as unknown as TLRecord
    }
    const plain = old(1, '')
    const labelled = old(2, 'hello')
    writeRecordsToDoc(doc, [plain, labelled])
    expect(getRecordsMap(doc).get(plain.id)!.has('p.text')).toBe(false)
    getBoardMap(doc).set('schema', withSequence('com.tldraw.shape.geo', 9))

    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc })
    expect(binding.getReadonlyReason()).toBeNull()
    const geo = (getBoardMap(doc).get(BASELINE_KEY) as BaselineTable).records.shape.props!.geo
    expect('text' in geo).toBe(false)
    for (const record of readRecordsFromDoc(doc)) expect(() => schema.types[record.typeName].validate(record)).not.toThrow()
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape') as Array<{ props: Record<string, unknown> }>
    expect(shapes).toHaveLength(2)
    for (const shape of shapes) expect('text' in shape.props).toBe(false)

    // A second client meeting the migrated doc writes nothing.
    const doc2 = new Y.Doc()
    Y.applyUpdate(doc2, Y.encodeStateAsUpdate(doc))
    const updates = vi.fn()
    doc2.on('update', updates)
    bindStoreToDoc({ store: createHeadlessStore(), doc: doc2 })
    expect(updates).not.toHaveBeenCalled()
  })

  it('[B10] a newer doc makes the binding read-only: it writes nothing and keeps reading', () => {
    const doc = new Y.Doc()
    writeInitialBoard(doc, schema)
    getBoardMap(doc).set('schema', withSequence('com.example.shape.sticker', 3))
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc, log: { warn: () => {} } })
    expect(binding.getReadonlyReason()).toBe('newer-schema')
    expect(store.get('page:page' as TLRecord['id'])).toBeDefined()
    store.ensureStoreIsUsable()
    store.put([makeGeoShape()])
    expect(updates).toHaveLength(0)
    const remote = makeGeoShape({ x: 3 })
    writeRecordsToDoc(doc, [remote], 'peer')
    expect(store.get(remote.id)).toEqual(remote)
  })

  it('[B10] a doc with records but no stored schema is read-only', () => {
    const doc = new Y.Doc()
    writeRecordsToDoc(doc, [makeGeoShape()])
    const binding = bindStoreToDoc({ store: createHeadlessStore(), doc, log: { warn: () => {} } })
    expect(binding.getReadonlyReason()).toBe('newer-schema')
  })

  it('[B10] a newer client migrating the doc later turns an open binding read-only', () => {
    const doc = new Y.Doc()
    writeInitialBoard(doc, schema)
    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc, log: { warn: () => {} } })
    const seen = vi.fn()
    binding.onReadonlyChange(seen)
    doc.transact(() => getBoardMap(doc).set('schema', withSequence('com.tldraw.shape.geo', 13)), 'peer')
    expect(seen).toHaveBeenCalledWith('newer-schema')
    const before = readRecordsFromDoc(doc).length
    store.put([makeGeoShape()])
    expect(readRecordsFromDoc(doc)).toHaveLength(before)
  })
})
