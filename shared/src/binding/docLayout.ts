/**
 * The Y.Doc layout of a board (docs/ARCHITECTURE.md, "Y.Doc layout"; shared/SPEC.md, "## Binding").
 * `readRecord`, `createRecordMap`, `patchRecordMap` and `replaceRecordEntries` are the only code that
 * knows how a record is laid out in its `Y.Map`.
 *
 * - `doc.getMap('records')`: record id → ONE flat `Y.Map` per record. Each property is its own stored
 *   entry (created inside `@`, below; an edit sets its own key), so concurrent edits of different
 *   properties of one record both survive, and a delete (removing the
 *   id from `records`) wins over a concurrent edit inside it. `props.color` is the key `p.color`,
 *   `meta.overlapCard` is `m.overlapCard`; `props` / `meta` hold `{}` and only say "this record has a
 *   props / meta object" (nested Y.Maps cost two more Yjs types per record and slowed joining down).
 * - `id` and `typeName` are not stored: both derive from the key (`shape:abc` → typeName `shape`).
 * - Creation entry ([B17]): a record is CREATED as one key, `@`, holding the JSON text of every entry it
 *   stores then. Later edits set their own keys, which override `@`; an edit back to the value `@`
 *   holds (or, when `@` lacks the key, the baseline's) deletes the key again; a field the record no
 *   longer has is a key set to `undefined`. One string per record instead of one Yjs item per field:
 *   a joining client applies a 10,000-shape board about 4× faster and the server encodes it about 3×
 *   faster. `@` is never rewritten, so concurrent edits of different fields still both survive.
 * - A record with numeric `x` and `y` stores them together as one `xy: [x, y]` entry. A drag rewrites
 *   one item per frame instead of two, so the deleted items of one key form a run of consecutive
 *   clocks that Yjs merges into a single deleted struct: 10,000 drag frames grow the V1 encoding by
 *   bytes instead of ~200 KB. The cost: a concurrent move in x by one person and in y by another keeps
 *   one of the two positions whole (a position nobody chose never appears).
 * - Baseline ([B15], baseline.ts): a key equal to the doc's baseline for the record's typeName and
 *   `type` is NOT stored; an absent key reads as the baseline.
 * - `doc.getMap('board')`: `schema` (the serialized tldraw schema of the last writer, with our layout
 *   sequence: docSchema.ts), `baseline`.
 */
import * as Y from 'yjs'
import { BASELINE_KEY, defaultBaselineTable, parseBaselineTable, type BaselineTable } from './baseline.js'

export const RECORDS_MAP = 'records'
export const BOARD_MAP = 'board'
export const SCHEMA_KEY = 'schema'

/** Key holding the JSON of the entries a record was created with ([B17]). Never rewritten. */
export const CREATION_KEY = '@'
/** Key under which a record's numeric x and y are stored together. */
export const XY_KEY = 'xy'
/** Record fields whose own properties are flattened into prefixed keys. */
const FLATTENED: Readonly<Record<string, string>> = { props: 'p.', meta: 'm.' }
const PREFIX_TO_FIELD: Readonly<Record<string, string>> = { 'p.': 'props', 'm.': 'meta' }
/** Fields derived from the key and never stored. */
const DERIVED_KEYS: ReadonlySet<string> = new Set(['id', 'typeName', CREATION_KEY])
/** "This record has no such field" in `writeEntry`: stored as an explicit `undefined` when needed. */
const ABSENT: unique symbol = Symbol('absent')
type Desired = unknown | typeof ABSENT

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>
type Entries = Map<string, unknown>
/** What `readRecord` needs from a record's map (a `Y.Map`, or a plain `Map` of entries). */
type EntrySource = { get(key: string): unknown; has(key: string): boolean; entries(): IterableIterator<[string, unknown]> }

/** A doc's baseline, compiled: the stored entries a record of (typeName, type) is read on top of. */
export interface Baseline {
  readonly table: BaselineTable | null
  entriesFor(typeName: string, type: unknown): Entries | undefined
}

/** One baseline entry, pre-split for `readRecord` (the hot path of loading a big board). */
interface TemplateEntry {
  /** `props`/`meta` for a prefixed key, null for a top-level field. */
  field: string | null
  key: string
  /** The key as stored (`p.color`): a record that stores it overrides this entry. */
  storedKey: string
  value: unknown
  isObject: boolean
  /** `props: {}` / `meta: {}`: always copied (stored prefixed keys are written into it). */
  isMarker: boolean
}
const templates = new WeakMap<Entries, TemplateEntry[]>()

function templateOf(entries: Entries): TemplateEntry[] {
  let template = templates.get(entries)
  if (!template) {
    template = []
    // Markers (`props: {}`) first, so that the prefixed keys have an object to go into.
    const sorted = [...entries].sort(([a], [b]) => Number(a.charCodeAt(1) === 46) - Number(b.charCodeAt(1) === 46))
    for (const [key, value] of sorted) {
      const field = key.charCodeAt(1) === 46 ? PREFIX_TO_FIELD[key.slice(0, 2)] ?? null : null
      const isObject = typeof value === 'object' && value !== null
      template.push({ field, key: field ? key.slice(2) : key, storedKey: key, value, isObject, isMarker: isObject && field === null && FLATTENED[key] !== undefined })
    }
    templates.set(entries, template)
  }
  return template
}

export function getRecordsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(RECORDS_MAP)
}

export function getBoardMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(BOARD_MAP)
}

/** `shape:abc` → `shape`; null when the key has no type prefix. */
export function typeNameFromId(id: string): string | null {
  const colon = id.indexOf(':')
  return colon > 0 ? id.slice(0, colon) : null
}

// ---- baseline ------------------------------------------------------------------------------------

export function compileBaseline(table: BaselineTable | null): Baseline {
  const byTypeName = new Map<string, { common: Entries; byType: Map<string, Entries> }>()
  for (const [typeName, entry] of Object.entries(table?.records ?? {})) {
    const common: Entries = new Map()
    forEachEntry(entry.fields ?? {}, (key, value) => common.set(key, value))
    const byType = new Map<string, Entries>()
    for (const [type, props] of Object.entries(entry.props ?? {})) {
      const entries = new Map(common)
      for (const [k, v] of Object.entries(props)) if (v !== undefined) entries.set(FLATTENED.props + k, v)
      byType.set(type, entries)
    }
    byTypeName.set(typeName, { common, byType })
  }
  return {
    table,
    entriesFor(typeName, type) {
      const entry = byTypeName.get(typeName)
      if (!entry) return undefined
      return (typeof type === 'string' && entry.byType.get(type)) || entry.common
    },
  }
}

/** A doc without a baseline: every field explicit. */
export const EMPTY_BASELINE: Baseline = compileBaseline(null)
const compiled = new WeakMap<object, Baseline>()

/** The doc's baseline (EMPTY_BASELINE when it has none or a malformed one). Cheap: cached per value. */
export function getBaseline(doc: Y.Doc): Baseline {
  const raw = getBoardMap(doc).get(BASELINE_KEY)
  if (typeof raw !== 'object' || raw === null) return EMPTY_BASELINE
  let baseline = compiled.get(raw)
  if (!baseline) {
    baseline = compileBaseline(parseBaselineTable(raw))
    compiled.set(raw, baseline)
  }
  return baseline
}

/**
 * Writes the default baseline into a doc nobody has written yet (no records, no schema, no baseline);
 * call inside the transaction that seeds it. Never into an existing board: its records were written
 * against what it has. Returns whether it wrote.
 */
export function seedBaselineIfEmpty(doc: Y.Doc): boolean {
  const board = getBoardMap(doc)
  if (getRecordsMap(doc).size > 0 || board.has(BASELINE_KEY) || board.has(SCHEMA_KEY)) return false
  board.set(BASELINE_KEY, defaultBaselineTable())
  return true
}

// ---- entries -------------------------------------------------------------------------------------

function hasXY(record: Record<string, unknown>): boolean {
  return typeof record.x === 'number' && typeof record.y === 'number'
}

function isXY(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2
}

/** Calls `fn` with every stored key of `record` and its value (no baseline applied). */
function forEachEntry(record: Record<string, unknown>, fn: (key: string, value: unknown) => void): void {
  const xy = hasXY(record)
  for (const key in record) {
    const value = record[key]
    if (value === undefined || DERIVED_KEYS.has(key)) continue
    if (xy && (key === 'x' || key === 'y')) continue
    const prefix = FLATTENED[key]
    if (prefix !== undefined && isPlainObject(value)) {
      fn(key, {})
      for (const k in value) if (value[k] !== undefined) fn(prefix + k, value[k])
    } else {
      fn(key, value)
    }
  }
  if (xy) fn(XY_KEY, [record.x, record.y])
}

function allEntries(record: Record<string, unknown>): Entries {
  const entries: Entries = new Map()
  forEachEntry(record, (key, value) => entries.set(key, value))
  return entries
}

function baseFor(baseline: Baseline, record: Record<string, unknown>): Entries | undefined {
  return typeof record.typeName === 'string' ? baseline.entriesFor(record.typeName, record.type) : undefined
}

function isBaselineValue(base: Entries | undefined, key: string, value: unknown): boolean {
  return base !== undefined && base.has(key) && deepEqual(base.get(key), value)
}

/** The entries `record` stores against `baseline`: every entry that differs from it. */
export function storedEntries(record: Record<string, unknown>, baseline: Baseline): Entries {
  const base = baseFor(baseline, record)
  const entries: Entries = new Map()
  forEachEntry(record, (key, value) => {
    if (!isBaselineValue(base, key, value)) entries.set(key, value)
  })
  return entries
}

function assign(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === XY_KEY && isXY(value)) {
    record.x = (value as unknown[])[0]
    record.y = (value as unknown[])[1]
    return
  }
  const field = key.charCodeAt(1) === 46 /* . */ ? PREFIX_TO_FIELD[key.slice(0, 2)] : undefined
  if (field !== undefined) {
    let obj = record[field]
    if (!isPlainObject(obj)) obj = record[field] = {}
    ;(obj as Record<string, unknown>)[key.slice(2)] = value
  } else if (FLATTENED[key] !== undefined && isPlainObject(value)) {
    const current = record[key]
    if (!isPlainObject(current)) record[key] = { ...value }
    else for (const k in value) if (!(k in current)) current[k] = value[k]
  } else {
    record[key] = value
  }
}

function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(cloneJson)
  const out: Record<string, unknown> = {}
  for (const k in value) out[k] = cloneJson((value as Record<string, unknown>)[k])
  return out
}

// ---- records -------------------------------------------------------------------------------------

/** The entries a record map was created with (its `@` JSON), or null (none, or not a JSON object). */
function creationOf(raw: unknown): Record<string, unknown> | null {
  if (typeof raw !== 'string') return null
  try {
    const parsed: unknown = JSON.parse(raw)
    return isPlainObject(parsed) ? parsed : null
  } catch {
    return null
  }
}

/**
 * The creation entry of a record map, parsed once per map for the WRITE path (a drag patches the same
 * record every frame; `@` is never rewritten). Read-only: `readRecord` parses its own copy, which the
 * record it builds takes over.
 */
const creationCache = new WeakMap<Y.Map<unknown>, { raw: unknown; parsed: Record<string, unknown> | null }>()
function creationForWrite(ymap: Y.Map<unknown>): Record<string, unknown> | null {
  const raw = ymap.get(CREATION_KEY)
  const cached = creationCache.get(ymap)
  if (cached && cached.raw === raw) return cached.parsed
  const parsed = creationOf(raw)
  creationCache.set(ymap, { raw, parsed })
  return parsed
}

function hasOwn(obj: Record<string, unknown> | null, key: string): obj is Record<string, unknown> {
  return obj !== null && Object.prototype.hasOwnProperty.call(obj, key)
}

/**
 * Reads one record back from its map: the baseline for its typeName and `type`, overridden by the
 * creation entry `@`, overridden by the keys set since ([B15], [B17]). Null when the key has no type
 * prefix or the value is no map.
 */
export function readRecord(id: string, ymap: unknown, baseline: Baseline = EMPTY_BASELINE): JsonRecord | null {
  const typeName = typeNameFromId(id)
  if (typeName === null || !(ymap instanceof Y.Map || ymap instanceof Map)) return null
  const source = ymap as EntrySource
  // A Y.Map's live entries, read from Yjs's own key → item map: `entries()` would build an iterator
  // and a generator per record (and `get` walks the same map). Loading a big board reads every record.
  const live = ymap instanceof Y.Map ? (ymap as unknown as { _map: Map<string, YItemLike> })._map : null
  const read = (key: string): unknown => (live ? valueOf(live.get(key)) : source.get(key))
  const has = (key: string): boolean => (live ? isLive(live.get(key)) : source.has(key))
  // Fresh objects on every call: the record below takes them over without copying.
  const created = creationOf(read(CREATION_KEY))
  const record: JsonRecord = { id, typeName }
  const type = has('type') ? read('type') : created?.type
  const base = baseline.entriesFor(typeName, type)
  if (base) {
    // The baseline first, then what is stored on top. Baseline values are shared by every record:
    // each record gets its own copy of an object, unless the record stores that key (the stored
    // value replaces it below, so the shared value is only a placeholder keeping the key order).
    for (const { field, key, storedKey, value, isObject, isMarker } of templateOf(base)) {
      const overridden = isObject && !isMarker && (hasOwn(created, storedKey) || has(storedKey))
      const copy = isObject && !overridden ? cloneJson(value) : value
      if (field === null) record[key] = copy
      else if (isPlainObject(record[field])) (record[field] as Record<string, unknown>)[key] = copy
      else assign(record, FLATTENED[field] + key, copy)
    }
  }
  if (created) for (const key in created) if (!DERIVED_KEYS.has(key)) assign(record, key, created[key])
  if (live) {
    for (const [key, item] of live) {
      if (item.deleted || DERIVED_KEYS.has(key)) continue
      const value = item.content.getContent()[item.length - 1]
      if (value === undefined) unassign(record, key)
      else assign(record, key, value)
    }
  } else {
    for (const [key, value] of source.entries()) {
      if (DERIVED_KEYS.has(key)) continue
      if (value === undefined) unassign(record, key)
      else assign(record, key, value)
    }
  }
  return record
}

/** Removes a stored key's field from `record` (the key holds `undefined`: "no such field"). */
function unassign(record: Record<string, unknown>, key: string): void {
  if (key === XY_KEY) {
    delete record.x
    delete record.y
    return
  }
  const field = key.charCodeAt(1) === 46 /* . */ ? PREFIX_TO_FIELD[key.slice(0, 2)] : undefined
  if (field === undefined) delete record[key]
  else if (isPlainObject(record[field])) delete (record[field] as Record<string, unknown>)[key.slice(2)]
}

/** What readRecord needs of a Yjs Item in a map (internal API: stable across Yjs 13). */
interface YItemLike {
  deleted: boolean
  length: number
  content: { getContent(): unknown[] }
}

function isLive(item: YItemLike | undefined): boolean {
  return item !== undefined && !item.deleted
}

function valueOf(item: YItemLike | undefined): unknown {
  return item === undefined || item.deleted ? undefined : item.content.getContent()[item.length - 1]
}

/**
 * A new `Y.Map` holding `record` (to be inserted into the records map): one `@` entry with the JSON of
 * what the record stores against `baseline` ([B17]).
 */
export function createRecordMap(record: Record<string, unknown>, baseline: Baseline = EMPTY_BASELINE): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>()
  const entries = storedEntries(record, baseline)
  if (entries.size > 0) ymap.set(CREATION_KEY, JSON.stringify(Object.fromEntries(entries)))
  return ymap
}

/** What `key` reads as when the map has no key of its own: the creation entry, else the baseline. */
function fallbackOf(created: Record<string, unknown> | null, base: Entries | undefined, key: string): Desired {
  if (hasOwn(created, key)) return created[key]
  return base?.has(key) ? base.get(key) : ABSENT
}

/**
 * Makes the stored value of `key` read as `value` (ABSENT: no such field), writing as little as
 * possible: when the creation entry (or else the baseline) already says so, the key is deleted (a
 * concurrent set by a peer then wins on every replica alike); otherwise it is set. Returns the writes.
 */
function writeEntry(ymap: Y.Map<unknown>, created: Record<string, unknown> | null, base: Entries | undefined, key: string, value: Desired): number {
  const fallback = fallbackOf(created, base, key)
  const same = value === ABSENT ? fallback === ABSENT : fallback !== ABSENT && deepEqual(fallback, value)
  if (same) {
    if (!ymap.has(key)) return 0
    ymap.delete(key)
    return 1
  }
  const stored = value === ABSENT ? undefined : value
  if (ymap.has(key) && deepEqual(ymap.get(key), stored)) return 0
  ymap.set(key, stored)
  return 1
}

/** The value `key` reads as in `ymap` (its own key, else the fallback); ABSENT if none. */
function effectiveEntry(ymap: Y.Map<unknown>, created: Record<string, unknown> | null, base: Entries | undefined, key: string): Desired {
  if (!ymap.has(key)) return fallbackOf(created, base, key)
  const value = ymap.get(key)
  return value === undefined ? ABSENT : value
}

/**
 * Writes into `ymap` only what differs between `prev` and `next` (each prop and meta key on its own).
 * `prev` must describe what `ymap` currently holds. A field set back to the value the record was created
 * with (or the baseline's) is deleted. Returns the number of entries written.
 */
export function patchRecordMap(
  ymap: Y.Map<unknown>,
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
  baseline: Baseline = EMPTY_BASELINE,
): number {
  const base = baseFor(baseline, next)
  if (base !== baseFor(baseline, prev)) return replaceRecordEntries(ymap, next, baseline)
  const created = creationForWrite(ymap)
  const before = allEntries(prev)
  const after = allEntries(next)
  let writes = 0
  for (const [key, value] of after) {
    const unchanged = before.has(key) && deepEqual(before.get(key), value)
    // `xy` is rewritten when the map lacks it (an undo may restore a record without it).
    if (unchanged && !(key === XY_KEY && !isXY(effectiveEntry(ymap, created, base, key)))) continue
    writes += writeEntry(ymap, created, base, key, value)
  }
  for (const key of before.keys()) if (!after.has(key)) writes += writeEntry(ymap, created, base, key, ABSENT)
  return writes
}

/**
 * Makes `ymap` read as exactly `record` against `baseline` (writing only the keys whose stored value
 * differs; the creation entry stays as it is).
 */
export function replaceRecordEntries(ymap: Y.Map<unknown>, record: Record<string, unknown>, baseline: Baseline = EMPTY_BASELINE): number {
  const created = creationForWrite(ymap)
  const base = baseFor(baseline, record)
  const entries = allEntries(record)
  const keys = new Set<string>([...ymap.keys(), ...Object.keys(created ?? {}), ...entries.keys()])
  keys.delete(CREATION_KEY)
  let writes = 0
  for (const key of keys) {
    if (DERIVED_KEYS.has(key)) continue
    writes += writeEntry(ymap, created, base, key, entries.has(key) ? entries.get(key) : ABSENT)
  }
  return writes
}

/**
 * What a record map stores, with its creation entry unpacked: `@`'s entries overridden by the keys set
 * since (a key holding `undefined` removes the entry). Without the baseline. For tests and tools.
 */
export function storedEntriesOf(ymap: Y.Map<unknown>): Entries {
  const entries: Entries = new Map(Object.entries(creationOf(ymap.get(CREATION_KEY)) ?? {}))
  for (const [key, value] of ymap.entries()) {
    if (key === CREATION_KEY) continue
    if (value === undefined) entries.delete(key)
    else entries.set(key, value)
  }
  return entries
}

/**
 * The entries of `known` (stored against `baseline`) that `ymap` lacks, neither set nor in its creation
 * entry: what an undo/redo failed to restore when it re-created a record (restoreRepair.ts).
 */
export function missingEntries(ymap: Y.Map<unknown>, known: Record<string, unknown>, baseline: Baseline): Entries {
  const created = creationForWrite(ymap)
  const missing: Entries = new Map()
  for (const [key, value] of storedEntries(known, baseline)) if (!ymap.has(key) && !hasOwn(created, key)) missing.set(key, value)
  return missing
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural equality for JSON values (records, props, rich text). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ak = Object.keys(a as object)
  const bk = Object.keys(b as object)
  if (ak.length !== bk.length) return false
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}
