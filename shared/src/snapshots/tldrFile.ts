/**
 * tldraw's exchange formats, both directions ([SN7]–[SN9]):
 * - the store snapshot `loadSnapshot` accepts: `{ document: { store: {id → record}, schema } }`
 *   (tldraw's `TLEditorSnapshot` without `session`, which is optional there);
 * - the `.tldr` file `serializeTldrawJson` writes: `{ tldrawFileFormatVersion: 1, schema, records }`.
 *
 * `parseTldrawFile` is the edge for untrusted files: anything that is not exactly one of these, that
 * a newer tldraw made, or whose records fail the schema, is refused with a precise reason. Files of
 * OLDER tldraw versions are migrated with the schema's own `migrateStoreSnapshot`.
 */
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { checkDocSchema } from '../binding/schemaCheck.js'
import { migrateSnapshot } from '../binding/migrateSnapshot.js'
import { initialBoardRecords } from '../binding/docRecords.js'
import { MAX_SHAPES_PER_PAGE } from '../protocol.js'

export const TLDRAW_FILE_FORMAT_VERSION = 1

export interface TldrawStoreSnapshotJson {
  document: { store: Record<string, TLRecord>; schema: SerializedSchema }
}

export interface TldrawFileJson {
  tldrawFileFormatVersion: number
  schema: SerializedSchema
  records: TLRecord[]
}

export type TldrawFileError =
  | 'not_tldr'
  | 'tldraw_v1'
  | 'newer_tldraw'
  | 'unknown_shapes'
  | 'migration_failed'
  | 'invalid_records'
  | 'too_many_shapes'

export type ParsedTldrawFile =
  | { ok: true; records: TLRecord[]; schemaWas: 'same' | 'older'; droppedSessionRecords: number }
  | { ok: false; error: TldrawFileError; message: string }

export function toStoreSnapshotJson(records: readonly TLRecord[], schema: SerializedSchema): TldrawStoreSnapshotJson {
  const store: Record<string, TLRecord> = {}
  for (const r of [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) store[r.id] = r
  return { document: { store, schema } }
}

export function toTldrawFileJson(records: readonly TLRecord[], schema: SerializedSchema): TldrawFileJson {
  return { tldrawFileFormatVersion: TLDRAW_FILE_FORMAT_VERSION, schema, records: [...records] }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const fail = (error: TldrawFileError, message: string): ParsedTldrawFile => ({ ok: false, error, message })

/**
 * Parses an already JSON-decoded `.tldr` file (or a store snapshot as `GET …/snapshot` returns) into
 * validated document records of OUR schema, ready to be a board: session records (camera, instance…)
 * are dropped, a missing document record or page is added.
 */
export function parseTldrawFile(input: unknown, schema: TLSchema): ParsedTldrawFile {
  let fileSchema: unknown
  let rawRecords: unknown[]
  if (isObject(input) && 'tldrawFileFormatVersion' in input) {
    const v = input.tldrawFileFormatVersion
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fail('not_tldr', 'tldrawFileFormatVersion must be a positive integer')
    if (v > TLDRAW_FILE_FORMAT_VERSION) return fail('newer_tldraw', `file format version ${v} was made by a newer tldraw (Overlap reads ${TLDRAW_FILE_FORMAT_VERSION})`)
    if (!Array.isArray(input.records)) return fail('not_tldr', '"records" must be an array')
    fileSchema = input.schema
    rawRecords = input.records
  } else if (isObject(input) && isObject(input.document) && isObject(input.document.store)) {
    fileSchema = input.document.schema
    rawRecords = Object.values(input.document.store)
  } else if (isObject(input) && isObject(input.document) && typeof input.document.version === 'number' && isObject(input.document.pages)) {
    // Converting one takes a tldraw editor (a browser): the app's Import does it before uploading.
    return fail('tldraw_v1', 'this file was made by tldraw 1.x (before 2.0); import it from an open board (Export → Import .tldr…), which converts it')
  } else {
    return fail('not_tldr', 'not a tldraw file: expected { tldrawFileFormatVersion, schema, records } or { document: { store, schema } }')
  }
  if (!isObject(fileSchema) || typeof fileSchema.schemaVersion !== 'number') {
    return fail('not_tldr', '"schema" must be a serialized tldraw schema ({ schemaVersion, sequences })')
  }
  const foreign = foreignTypes(fileSchema, schema)
  if (foreign.length > 0) {
    // Not newer: made by an app that adds its own shapes to tldraw; Overlap cannot draw them.
    return fail('unknown_shapes', `this file uses shape or binding types that Overlap does not have: ${foreign.join(', ')} (made by an app with its own shapes)`)
  }
  if (checkDocSchema(fileSchema, schema) === 'newer') {
    return fail('newer_tldraw', 'this file was made by a newer tldraw (its schema has migrations this version of Overlap does not know)')
  }

  const types = schema.types as Record<string, { scope: string } | undefined>
  const store: Record<string, unknown> = {}
  let dropped = 0
  for (const [i, r] of rawRecords.entries()) {
    if (!isObject(r) || typeof r.id !== 'string' || typeof r.typeName !== 'string') {
      return fail('invalid_records', `record #${i} has no string "id" and "typeName"`)
    }
    const type = types[r.typeName]
    if (type === undefined) return fail('invalid_records', `${r.id}: unknown record type "${r.typeName}"`)
    if (type.scope !== 'document') {
      dropped++
      continue
    }
    if (r.id in store) return fail('invalid_records', `${r.id}: duplicate id`)
    store[r.id] = r
  }

  const migrated = migrateSnapshot(schema, store, fileSchema as unknown as SerializedSchema)
  if (!migrated.ok) return fail('migration_failed', `tldraw could not migrate this file: ${migrated.reason}`)

  const records = Object.values(migrated.records)
  // A board needs its document record and a page; files always have them, hand-made ones may not.
  for (const base of initialBoardRecords()) {
    const present = records.some((r) => r.typeName === base.typeName)
    if (!present) records.unshift(base)
  }
  const problems = recordProblems(records, schema)
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''
    return fail('invalid_records', `${problems.length} record(s) fail validation: ${problems.slice(0, 3).join('; ')}${more}`)
  }
  const crowded = mostCrowdedPage(records)
  if (crowded && crowded.shapes > MAX_SHAPES_PER_PAGE) {
    // The editor would silently refuse every shape past the limit (trap 10): say so instead.
    return fail(
      'too_many_shapes',
      `page "${crowded.name}" has ${crowded.shapes.toLocaleString('en')} shapes; a page holds at most ${MAX_SHAPES_PER_PAGE.toLocaleString('en')}`
    )
  }
  return { ok: true, records, schemaWas: checkDocSchema(fileSchema, schema) === 'same' ? 'same' : 'older', droppedSessionRecords: dropped }
}

/** The page with the most shapes (nested ones included, as tldraw counts them), or null if none. */
export function mostCrowdedPage(records: readonly TLRecord[]): { name: string; shapes: number } | null {
  const parentOf = new Map<string, string>()
  for (const r of records) if (r.typeName === 'shape') parentOf.set(r.id, r.parentId)
  const counts = new Map<string, number>()
  for (const id of parentOf.keys()) {
    // Parents were checked to exist and to reach a page (no cycles); `hops` bounds the walk all the same.
    let at = parentOf.get(id)!
    for (let hops = 0; parentOf.has(at) && hops < parentOf.size; hops++) at = parentOf.get(at)!
    if (!parentOf.has(at)) counts.set(at, (counts.get(at) ?? 0) + 1)
  }
  let best: { name: string; shapes: number } | null = null
  for (const [pageId, shapes] of counts) {
    if (best && shapes <= best.shapes) continue
    const page = records.find((r) => r.id === pageId)
    best = { name: page && page.typeName === 'page' ? page.name : pageId, shapes }
  }
  return best
}

/**
 * Shape and binding types the file's schema has migrations for and ours has not at all, when every
 * sequence both know is at or below ours: then the file is not newer, it is another app's.
 */
function foreignTypes(fileSchema: Record<string, unknown>, schema: TLSchema): string[] {
  const theirs = isObject(fileSchema.sequences) ? fileSchema.sequences : {}
  const ours = schema.serialize().sequences as Record<string, number>
  const foreign: string[] = []
  for (const [key, version] of Object.entries(theirs)) {
    const known = ours[key]
    if (known !== undefined) {
      if (typeof version === 'number' && version > known) return []
      continue
    }
    const m = /^com\.tldraw\.(?:shape|binding)\.(.+)$/.exec(key)
    if (m) foreign.push(m[1]!)
  }
  return foreign
}

/** Schema validation plus dangling references (shape parents, binding ends): one line per problem. */
function recordProblems(records: readonly TLRecord[], schema: TLSchema): string[] {
  const problems: string[] = []
  const ids = new Set(records.map((r) => r.id))
  const types = schema.types as Record<string, { validate(r: unknown): unknown } | undefined>
  for (const record of records) {
    try {
      types[record.typeName]!.validate(record)
    } catch (e) {
      problems.push(`${record.id}: ${e instanceof Error ? e.message : String(e)}`)
      continue
    }
    if (record.typeName === 'shape' && !ids.has(record.parentId)) problems.push(`${record.id}: parent ${record.parentId} is missing`)
    if (record.typeName === 'binding') {
      for (const end of [record.fromId, record.toId]) if (!ids.has(end)) problems.push(`${record.id}: bound shape ${end} is missing`)
    }
  }
  for (const cycle of parentCycles(records)) problems.push(`${cycle.join(', ')}: each is inside the next, in a circle`)
  return problems
}

/** Shapes whose parents go round in a circle, each circle once (a board would hide them, [B19]). */
function parentCycles(records: readonly TLRecord[]): string[][] {
  const parentOf = new Map<string, string>()
  for (const r of records) if (r.typeName === 'shape') parentOf.set(r.id, r.parentId)
  const done = new Set<string>()
  const cycles: string[][] = []
  for (const start of parentOf.keys()) {
    const path: string[] = []
    const onPath = new Map<string, number>()
    let at: string | undefined = start
    while (at !== undefined && parentOf.has(at) && !done.has(at)) {
      const seenAt = onPath.get(at)
      if (seenAt !== undefined) {
        cycles.push(path.slice(seenAt))
        break
      }
      onPath.set(at, path.length)
      path.push(at)
      at = parentOf.get(at)
    }
    for (const id of path) done.add(id)
  }
  return cycles
}
