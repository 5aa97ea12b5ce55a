/**
 * Writing tldraw records into a Y.Doc in the layout of docs/ARCHITECTURE.md ("Y.Doc layout"):
 * `doc.getMap('records')`: id → Y.Map of fields, with `props` and `meta` as nested Y.Maps.
 * Goes through the shared binding's `writeRecordsToDoc` so the benchmark writes exactly what the
 * app writes.
 */
import * as Y from 'yjs'
import type { TLPageId, TLRecord, TLShapeId } from '@tldraw/tlschema'

// TEMPORARY until shared/src/binding lands: the documented layout, written by hand.
function writeRecordsToDoc(doc: Y.Doc, records: readonly TLRecord[]): void {
  const map = doc.getMap<Y.Map<unknown>>(RECORDS_MAP)
  doc.transact(() => {
    for (const r of records) {
      const y = new Y.Map<unknown>()
      for (const [k, v] of Object.entries(r)) {
        if ((k === 'props' || k === 'meta') && v && typeof v === 'object') {
          const inner = new Y.Map<unknown>()
          for (const [pk, pv] of Object.entries(v)) inner.set(pk, pv)
          y.set(k, inner)
        } else y.set(k, v)
      }
      map.set(r.id, y)
    }
  })
}

export const RECORDS_MAP = 'records'

/** Writes records in chunks, one transaction each (one update message each). Returns the chunk count. */
export function writeRecordsChunked(doc: Y.Doc, records: readonly TLRecord[], chunkSize: number): number {
  let chunks = 0
  for (let i = 0; i < records.length; i += chunkSize) {
    writeRecordsToDoc(doc, records.slice(i, i + chunkSize))
    chunks++
  }
  return chunks
}

/** Moves a shape by setting its `x` field: one small update, as a drag produces. */
export function setShapeX(doc: Y.Doc, id: TLShapeId, x: number): void {
  const rec = doc.getMap<Y.Map<unknown>>(RECORDS_MAP).get(id)
  if (!rec) throw new Error(`shape ${id} is not in the doc`)
  rec.set('x', x)
}

export function readShapeX(doc: Y.Doc, id: TLShapeId): number | undefined {
  const x = doc.getMap<Y.Map<unknown>>(RECORDS_MAP).get(id)?.get('x')
  return typeof x === 'number' ? x : undefined
}

/** The first page record's id in a synced doc (a board created by our server has one). */
export function findPageId(doc: Y.Doc): TLPageId | null {
  for (const [id, rec] of doc.getMap<Y.Map<unknown>>(RECORDS_MAP)) {
    if (rec instanceof Y.Map && rec.get('typeName') === 'page') return id as TLPageId
  }
  return null
}
