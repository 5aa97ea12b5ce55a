/**
 * Writing and reading tldraw records in a board's Y.Doc through the shared binding
 * (`@overlap/shared`, layout in docs/ARCHITECTURE.md), so the benchmark writes exactly what the app
 * writes. A move sets the record's `xy` entry, as a drag through the binding does.
 */
import * as Y from 'yjs'
import type { TLPageId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getBaseline, getRecordsMap, readRecord, typeNameFromId, writeRecordsToDoc, XY_KEY } from '@overlap/shared'

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
  const y = readRecord(id, rec, getBaseline(doc))?.y
  rec.set(XY_KEY, [x, typeof y === 'number' ? y : 0])
}

export function readShapeX(doc: Y.Doc, id: TLShapeId): number | undefined {
  const rec = getRecordsMap(doc).get(id)
  if (!rec) return undefined
  // A moved shape holds its own `xy` key; before its first move it reads from its creation entry.
  const xy = rec.get(XY_KEY)
  if (Array.isArray(xy)) return typeof xy[0] === 'number' ? xy[0] : undefined
  const x = readRecord(id, rec, getBaseline(doc))?.x
  return typeof x === 'number' ? x : undefined
}

/** The first page record's id in a synced doc (a board created by our server has one). */
export function findPageId(doc: Y.Doc): TLPageId | null {
  for (const id of getRecordsMap(doc).keys()) {
    if (typeNameFromId(id) === 'page') return id as TLPageId
  }
  return null
}
