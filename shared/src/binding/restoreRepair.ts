/**
 * Completes records that an undo/redo restored only in part ([B7] in shared/SPEC.md).
 *
 * Y.UndoManager restores a deleted record by re-creating its Y.Map and redoing each field. A field
 * whose old item has a newer concurrent item to its right (a peer edited the record just before the
 * delete reached it) is not redone ("conflicts with a change from another client"), even though that
 * newer item died with the map. The restored record then lacks `xy` or a prop and fails validation:
 * every replica would skip it and the undo would silently lose the shape. The binding remembers the
 * last version of records it saw removed, fills only the ABSENT fields from it, and writes those fields
 * (untracked origin, so the fill is deleted and restored together with the map by later undo/redo).
 */
import { isPlainObject, NESTED_KEYS, type JsonRecord } from './docLayout.js'

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

/** `partial` with every field it lacks (top level, and one level inside props/meta) taken from `known`. */
export function completeRecord(partial: JsonRecord, known: JsonRecord): { record: JsonRecord; filled: number } {
  const record: JsonRecord = { ...partial }
  let filled = 0
  for (const [key, value] of Object.entries(known)) {
    if (!(key in record)) {
      record[key] = value
      filled++
    } else if (NESTED_KEYS.has(key) && isPlainObject(value) && isPlainObject(record[key])) {
      const nested = { ...(record[key] as Record<string, unknown>) }
      for (const [k, v] of Object.entries(value)) {
        if (!(k in nested)) {
          nested[k] = v
          filled++
        }
      }
      record[key] = nested
    }
  }
  return { record, filled }
}
