/**
 * Migrates a doc written with an OLDER schema up to ours, once, in one transaction ([B9]): only the
 * records whose migrated form differs are written (field by field), then our schema. Uses
 * `migrateStoreSnapshot` so store-level migrations (which may add or remove records) run too.
 *
 * The baseline ([B15]) cannot express "this record has no such prop": a migration that REMOVES a prop
 * the baseline supplies would see it come back on read. Such keys are dropped from the doc's baseline
 * in the same transaction, and every record is rewritten against the narrowed baseline (records that
 * still have the key get it explicitly).
 */
import * as Y from 'yjs'
import type { SerializedSchema, StoreSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { BASELINE_KEY, type BaselineTable } from './baseline.js'
import { migrateSnapshot } from './migrateSnapshot.js'
import {
  compileBaseline,
  createRecordMap,
  deepEqual,
  getBaseline,
  getBoardMap,
  getRecordsMap,
  patchRecordMap,
  replaceRecordEntries,
  type JsonRecord,
} from './docLayout.js'
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
  const result = migrateSnapshot(schema, before, storedSchema)
  if (!result.ok) return { ok: false, reason: result.reason }
  const after = result.records as unknown as Record<string, JsonRecord>
  const baseline = getBaseline(doc)
  const narrowed = baseline.table ? narrowTable(baseline.table, Object.values(after)) : null
  const map = getRecordsMap(doc)
  let written = 0
  doc.transact(() => {
    for (const id of Object.keys(before)) {
      if (!(id in after)) {
        map.delete(id)
        written++
      }
    }
    if (narrowed) getBoardMap(doc).set(BASELINE_KEY, narrowed)
    const target = narrowed ? compileBaseline(narrowed) : baseline
    for (const [id, record] of Object.entries(after)) {
      const prev = before[id]
      const ymap = map.get(id)
      if (!prev || !(ymap instanceof Y.Map)) {
        map.set(id, createRecordMap(record, target))
        written++
      } else if (narrowed) {
        if (replaceRecordEntries(ymap, record, target) > 0) written++
      } else if (!deepEqual(prev, record)) {
        patchRecordMap(ymap, prev, record, baseline)
        written++
      }
    }
    writeDocSchema(doc, schema.serialize())
  }, origin)
  return { ok: true, written }
}

/** `table` without the fields/props some migrated record lacks; null when nothing must go. */
function narrowTable(table: BaselineTable, records: readonly JsonRecord[]): BaselineTable | null {
  const next = JSON.parse(JSON.stringify(table)) as BaselineTable
  let changed = false
  for (const record of records) {
    const entry = next.records[record.typeName]
    if (!entry) continue
    for (const key of Object.keys(entry.fields ?? {})) {
      if (record[key] === undefined) {
        delete entry.fields![key]
        changed = true
      }
    }
    const props = typeof record.type === 'string' ? entry.props?.[record.type] : undefined
    const own = record.props as Record<string, unknown> | undefined
    for (const key of Object.keys(props ?? {})) {
      if (typeof own !== 'object' || own === null || own[key] === undefined) {
        delete props![key]
        changed = true
      }
    }
  }
  return changed ? next : null
}
