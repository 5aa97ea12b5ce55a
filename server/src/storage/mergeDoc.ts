/**
 * Compaction arithmetic shared by every backend: fold a stored state and its update log into one
 * V2 update. Loading into a Y.Doc (rather than `Y.mergeUpdates`) lets Yjs garbage-collect deleted
 * content, so a board whose shapes were drawn and erased many times stays small.
 */
import * as Y from 'yjs'
import type { BoardId } from '@overlap/shared'
import type { Logger } from '../log.js'
import { checkEncodedUpdate, type IntegrityVerdict } from '../rooms/updateIntegrity.js'
import type { StoredDoc } from './BoardStorage.js'

export function applyStoredDoc(doc: Y.Doc, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.stateV2) Y.applyUpdateV2(doc, stored.stateV2, origin)
    for (const update of stored.updates) Y.applyUpdate(doc, update, origin)
  }, origin)
}

/**
 * Loads a stored board the way every reader must (rooms, briefs, snapshots, compaction) [S38]: the
 * state, then the log, leaving out any update Yjs cannot integrate, so one bad update never costs
 * the board. Such an update can only be in a log written before its problem was known (the edge
 * refuses them now, [S16]). Leaving it out needs care: one that throws has already been half-applied,
 * and the doc may no longer encode, so the checker's rejects are left out up front, and an update
 * that throws all the same makes the load start over, on a fresh doc, without it.
 * Returns the doc and how many updates were left out (the caller logs them with its board id).
 */
export function loadStoredDoc(
  stored: StoredDoc,
  check: (update: Uint8Array) => IntegrityVerdict = checkEncodedUpdate
): { doc: Y.Doc; skipped: number } {
  const left = new Set<number>()
  stored.updates.forEach((update, i) => {
    if (!check(update).ok) left.add(i)
  })
  for (;;) {
    const doc = new Y.Doc()
    let applying = -1
    try {
      // The compacted state was encoded by Yjs from a doc that held only checked updates.
      if (stored.stateV2) Y.applyUpdateV2(doc, stored.stateV2)
      // One transaction per update, so a throw names the update that caused it.
      for (let i = 0; i < stored.updates.length; i++) {
        if (left.has(i)) continue
        applying = i
        Y.applyUpdate(doc, stored.updates[i]!)
      }
      return { doc, skipped: left.size }
    } catch (e) {
      doc.destroy()
      if (applying < 0) throw e
      left.add(applying)
    }
  }
}

/** `loadStoredDoc` for a board's readers: what was left out is logged as an error, with the board id. */
export function openStoredDoc(stored: StoredDoc, log: Logger, boardId: BoardId): Y.Doc {
  const { doc, skipped } = loadStoredDoc(stored)
  if (skipped > 0) log.error('stored updates left out: Yjs cannot integrate them', { boardId, skipped })
  return doc
}

export function mergeStoredDoc(stored: StoredDoc): Uint8Array {
  // Compaction folds the log into the state: an update left out here is gone for good, as it
  // should be (it can never be applied), and the room's loader logged it when the board opened.
  const { doc } = loadStoredDoc(stored)
  try {
    return Y.encodeStateAsUpdateV2(doc)
  } finally {
    doc.destroy()
  }
}

/** better-sqlite3 returns Buffers; hand out plain Uint8Arrays that own exactly their bytes. */
export function toUint8Array(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
}
