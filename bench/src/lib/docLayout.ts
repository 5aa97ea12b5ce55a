/**
 * Writing and reading tldraw records in a board's Y.Doc through the shared binding
 * (`@overlap/shared`, layout in docs/ARCHITECTURE.md), so the benchmark writes exactly what the app
 * writes. A move sets the record's `xy` entry, as a drag through the binding does.
 */
import * as Y from 'yjs'
import type { TLPageId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getRecordsMap, typeNameFromId, writeRecordsToDoc, XY_KEY } from '@overlap/shared'

/** Writes records in chunks, one transaction each (one update message each). Returns the chunk count. */
export function writeRecordsChunked(doc: Y.Doc, records: readonly TLRecord[], chunkSize: number): number {
  let chunks = 0
  for (let i = 0; i < records.length; i += chunkSize) {
    writeRecordsToDoc(doc, records.slice(i, i + chunkSize))
    chunks++
  }
  return chunks
}

/** Moves a shape horizontally (y kept): one small update, as one drag frame produces. */
export function setShapeX(doc: Y.Doc, id: TLShapeId, x: number): void {
  const rec = getRecordsMap(doc).get(id)
  if (!rec) throw new Error(`shape ${id} is not in the doc`)
  const xy = rec.get(XY_KEY)
  const y = Array.isArray(xy) && typeof xy[1] === 'number' ? xy[1] : 0
  rec.set(XY_KEY, [x, y])
}

export function readShapeX(doc: Y.Doc, id: TLShapeId): number | undefined {
  const xy = getRecordsMap(doc).get(id)?.get(XY_KEY)
  return Array.isArray(xy) && typeof xy[0] === 'number' ? xy[0] : undefined
}

/** The first page record's id in a synced doc (a board created by our server has one). */
export function findPageId(doc: Y.Doc): TLPageId | null {
  for (const id of getRecordsMap(doc).keys()) {
    if (typeNameFromId(id) === 'page') return id as TLPageId
  }
  return null
}
