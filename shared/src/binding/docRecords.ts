/**
 * Whole-doc helpers on the layout of docLayout.ts: read every record, write records, count shapes,
 * seed a new board. Used by the binding, the server (board creation) and the benchmarks.
 */
import * as Y from 'yjs'
import type { SerializedSchema, StoreSchema } from '@tldraw/store'
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
  isPlainObject,
  type Baseline,
  type JsonRecord,
} from './docLayout.js'
import { LAYOUT_VERSION, layoutVersionOf, tldrawPartOf, withLayout } from './docSchema.js'

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
  if (map.doc) markLayout(map.doc)
  map.set(record.id, createRecordMap(record, baseline))
}

/** Number of `shape:` records in the doc (cheap: no record is decoded). */
export function countShapes(doc: Y.Doc): number {
  let n = 0
  for (const id of getRecordsMap(doc).keys()) if (id.startsWith('shape:')) n++
  return n
}

/** The tldraw schema the doc was written with (without our layout sequence, docSchema.ts); undefined if none. */
export function readDocSchema(doc: Y.Doc): unknown {
  return tldrawPartOf(getBoardMap(doc).get(SCHEMA_KEY))
}

/** The stored schema as it is, layout sequence included (for `checkBoardSchema`). */
export function readStoredSchema(doc: Y.Doc): unknown {
  return getBoardMap(doc).get(SCHEMA_KEY)
}

/** Stores `schema` (a tldraw `schema.serialize()`) with the current layout sequence. */
export function writeDocSchema(doc: Y.Doc, schema: SerializedSchema): void {
  getBoardMap(doc).set(SCHEMA_KEY, withLayout(schema))
}

/**
 * Before a layout-2 record goes into a doc whose schema says layout 1: raise the stored layout, so that
 * clients that cannot read it go read-only ([B17]). The tldraw part is kept as it is.
 */
function markLayout(doc: Y.Doc): void {
  const board = getBoardMap(doc)
  const stored = board.get(SCHEMA_KEY)
  if (stored === undefined || !(layoutVersionOf(stored) < LAYOUT_VERSION)) return
  const tldraw = tldrawPartOf(stored)
  if (isPlainObject(tldraw) && tldraw.schemaVersion === 2) board.set(SCHEMA_KEY, withLayout(tldraw as unknown as SerializedSchema))
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
