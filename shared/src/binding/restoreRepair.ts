/**
 * Completes records that an undo/redo restored only in part ([B7] in shared/SPEC.md).
 *
 * Y.UndoManager restores a deleted record by re-creating its Y.Map and redoing each field. A field
 * whose old item has a newer concurrent item to its right (a peer edited the record just before the
 * delete reached it) is not redone ("conflicts with a change from another client"), even though that
 * newer item died with the map. The restored record then lacks `xy` or a prop: it fails validation, or,
 * where the doc has a baseline ([B15]), silently reads as the baseline value. The binding remembers the
 * last version of records it saw removed and, for a record an undo/redo re-created, writes only the
 * ABSENT keys from it (`missingEntries` in docLayout.ts; untracked origin, so the fill is deleted and
 * restored together with the map by later undo/redo).
 */
import type { JsonRecord } from './docLayout.js'

export function createRemovedRecordCache(maxEntries = 10_000) {
  const records = new Map<string, JsonRecord>()
  return {
    remember(record: JsonRecord) {
      records.delete(record.id)
      records.set(record.id, record)
      if (records.size > maxEntries) records.delete(records.keys().next().value!)
    },
    get: (id: string) => records.get(id),
  }
}
