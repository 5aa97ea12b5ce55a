/**
 * Whole-doc helpers on the layout of docLayout.ts: read every record, write records, count shapes,
 * seed a new board. Used by the binding, the server (board creation) and the benchmarks.
 */
import * as Y from 'yjs'
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLPage, type TLRecord } from '@tldraw/tlschema'
import {
  createRecordMap,
  getBaseline,
  getBoardMap,
  getRecordsMap,
  patchRecordMap,
  readRecord,
  SCHEMA_KEY,
  seedBaselineIfEmpty,
  type Baseline,
  type JsonRecord,
} from './docLayout.js'

/**
 * Every record in the doc as plain objects, NOT validated (the doc is untrusted input: validate with
 * `schema.types[typeName].validate` before use, as the binding does).
 */
export function readRecordsFromDoc(doc: Y.Doc): TLRecord[] {
  const out: TLRecord[] = []
  const baseline = getBaseline(doc)
  for (const [id, ymap] of getRecordsMap(doc).entries()) {
    const record = readRecord(id, ymap, baseline)
    if (record) out.push(record as unknown as TLRecord)
  }
  return out
}

/**
 * Puts `records` into the doc in one transaction: new ids get a new `Y.Map`, existing ones are patched
 * field by field (only differing fields are written). Records absent from `records` are left alone.
 * Into an EMPTY doc (nothing written yet) it first writes the default baseline ([B15]).
 */
export function writeRecordsToDoc(doc: Y.Doc, records: readonly TLRecord[], origin?: unknown): void {
  const map = getRecordsMap(doc)
  doc.transact(() => {
    if (records.length > 0) seedBaselineIfEmpty(doc)
    const baseline = getBaseline(doc)
    for (const record of records) putRecord(map, record as unknown as JsonRecord, baseline)
  }, origin)
}

/** Creates or patches one record in the records map (`baseline`: the doc's, `getBaseline(doc)`). */
export function putRecord(map: Y.Map<Y.Map<unknown>>, record: JsonRecord, baseline: Baseline): void {
  const existing = map.get(record.id)
  if (existing instanceof Y.Map) {
    const current = readRecord(record.id, existing, baseline)
    if (current) {
      patchRecordMap(existing, current, record, baseline)
      return
    }
  }
  map.set(record.id, createRecordMap(record, baseline))
}

/** Number of `shape:` records in the doc (cheap: no record is decoded). */
export function countShapes(doc: Y.Doc): number {
  let n = 0
  for (const id of getRecordsMap(doc).keys()) if (id.startsWith('shape:')) n++
  return n
}

export function readDocSchema(doc: Y.Doc): unknown {
  return getBoardMap(doc).get(SCHEMA_KEY)
}

export function writeDocSchema(doc: Y.Doc, schema: SerializedSchema): void {
  getBoardMap(doc).set(SCHEMA_KEY, schema)
}

/**
 * The records of a brand-new board: the document record and a first page, with exactly the values
 * tldraw's `ensureStoreIsUsable` creates in an empty store (`createTLStore` with `defaultName: ''`),
 * so a fresh client store that loads them has nothing to fix and writes nothing.
 */
export function initialBoardRecords(): TLRecord[] {
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name: '' }),
    PageRecordType.create({ id: PageRecordType.createId('page'), name: 'Page 1', index: 'a1' as TLPage['index'], meta: {} }),
  ]
}

/** Seeds a new board (used by the server when a board is created): baseline, initial records, schema. */
export function writeInitialBoard(doc: Y.Doc, schema: StoreSchema<TLRecord, unknown>, origin?: unknown): void {
  doc.transact(() => {
    seedBaselineIfEmpty(doc)
    writeRecordsToDoc(doc, initialBoardRecords(), origin)
    writeDocSchema(doc, schema.serialize())
  }, origin)
}
