/** Realistic small Yjs updates: a shape moved over and over, as a drag produces them. */
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { setShapeX, writeRecordsChunked } from './docLayout.js'
import { makeGeoShapes } from './shapes.js'

export interface UpdateSet {
  /** The update that creates the shape (apply it first). */
  initial: Uint8Array
  /** `count` consecutive moves of that shape, V1 encoding, ~20–30 bytes each. */
  moves: Uint8Array[]
}

export function makeMoveUpdates(count: number): UpdateSet {
  const doc = new Y.Doc()
  const [shape] = makeGeoShapes(1)
  writeRecordsChunked(doc, [shape!], 1)
  const initial = Y.encodeStateAsUpdate(doc)
  const moves: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => moves.push(u))
  for (let i = 0; i < count; i++) setShapeX(doc, shape!.id as TLShapeId, 1000 + i * 0.5)
  doc.destroy()
  return { initial, moves }
}
