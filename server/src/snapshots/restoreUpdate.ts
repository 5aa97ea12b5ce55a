/**
 * The ONE Yjs update that turns a live board into a snapshot's records ([SN5]): records the snapshot
 * lacks are deleted, the others created or patched field by field (only differing fields), all in
 * one transaction. Computed on a copy of the live doc, so the room's doc is only ever changed by the
 * store-then-apply path. Returns null when the board already equals the snapshot.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { getRecordsMap, writeRecordsToDoc } from '@overlap/shared'
import { updateOnCopy } from '../rooms/updateOnCopy.js'

export interface RestoreUpdate {
  update: Uint8Array
  deleted: number
}

export function buildRestoreUpdate(live: Y.Doc, target: readonly TLRecord[]): RestoreUpdate | null {
  const keep = new Set<string>(target.map((r) => r.id))
  let deleted = 0
  const update = updateOnCopy(live, (copy) => {
    const records = getRecordsMap(copy)
    for (const id of [...records.keys()]) {
      if (!keep.has(id)) {
        records.delete(id)
        deleted++
      }
    }
    writeRecordsToDoc(copy, target)
  })
  return update === null ? null : { update, deleted }
}
