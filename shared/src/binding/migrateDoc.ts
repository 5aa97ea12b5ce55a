/**
 * Migrates a doc written with an OLDER schema up to ours, once, in one transaction ([B9]): only the
 * records whose migrated form differs are written (field by field), then our schema. Uses
 * `migrateStoreSnapshot` so store-level migrations (which may add or remove records) run too.
 */
import * as Y from 'yjs'
import type { SerializedSchema, StoreSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { createRecordMap, deepEqual, getRecordsMap, patchRecordMap, type JsonRecord } from './docLayout.js'
import { readRecordsFromDoc, writeDocSchema } from './docRecords.js'

export type MigrateDocResult = { ok: true; written: number } | { ok: false; reason: string }

export function migrateDoc(
  doc: Y.Doc,
  schema: StoreSchema<TLRecord, unknown>,
  storedSchema: SerializedSchema,
  origin: unknown,
): MigrateDocResult {
  const before: Record<string, JsonRecord> = {}
  for (const record of readRecordsFromDoc(doc)) before[record.id] = record as unknown as JsonRecord
  let result
  try {
    result = schema.migrateStoreSnapshot({ store: before as never, schema: storedSchema })
  } catch (error) {
    return { ok: false, reason: String(error) }
  }
  if (result.type !== 'success') return { ok: false, reason: String(result.reason) }
  const after = result.value as unknown as Record<string, JsonRecord>
  const map = getRecordsMap(doc)
  let written = 0
  doc.transact(() => {
    for (const id of Object.keys(before)) {
      if (!(id in after)) {
        map.delete(id)
        written++
      }
    }
    for (const [id, record] of Object.entries(after)) {
      const prev = before[id]
      const ymap = map.get(id)
      if (!prev || !(ymap instanceof Y.Map)) {
        map.set(id, createRecordMap(record))
        written++
      } else if (!deepEqual(prev, record)) {
        patchRecordMap(ymap, prev, record)
        written++
      }
    }
    writeDocSchema(doc, schema.serialize())
  }, origin)
  return { ok: true, written }
}
