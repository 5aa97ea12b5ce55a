/**
 * Compaction arithmetic shared by every backend: fold a stored state and its update log into one
 * V2 update. Loading into a Y.Doc (rather than `Y.mergeUpdates`) lets Yjs garbage-collect deleted
 * content, so a board whose shapes were drawn and erased many times stays small.
 */
import * as Y from 'yjs'
import type { StoredDoc } from './BoardStorage.js'

export function applyStoredDoc(doc: Y.Doc, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.stateV2) Y.applyUpdateV2(doc, stored.stateV2, origin)
    for (const update of stored.updates) Y.applyUpdate(doc, update, origin)
  }, origin)
}

/**
 * Loads a stored board into `doc` the way every reader must (rooms, briefs, snapshots): the state,
 * then the log; an update that fails to apply is skipped, never fatal to the board. Returns how many
 * were skipped (the caller logs them with its board id).
 */
export function applyStoredDocSafely(doc: Y.Doc, stored: StoredDoc): number {
  let skipped = 0
  if (stored.stateV2) Y.applyUpdateV2(doc, stored.stateV2)
  for (const update of stored.updates) {
    try {
      Y.applyUpdate(doc, update)
    } catch {
      skipped++
    }
  }
  return skipped
}

export function mergeStoredDoc(stored: StoredDoc): Uint8Array {
  const doc = new Y.Doc()
  try {
    applyStoredDoc(doc, stored)
    return Y.encodeStateAsUpdateV2(doc)
  } finally {
    doc.destroy()
  }
}

/** better-sqlite3 returns Buffers; hand out plain Uint8Arrays that own exactly their bytes. */
export function toUint8Array(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
}
