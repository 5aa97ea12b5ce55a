/**
 * The Y.Doc layout of a board (docs/ARCHITECTURE.md, "Y.Doc layout"; shared/SPEC.md, "## Binding").
 *
 * - `doc.getMap('records')`: record id → `Y.Map` of that record's fields. `props` and `meta` are nested
 *   `Y.Map`s so that concurrent edits of different properties of one record both survive, and a delete
 *   (removing the id from `records`) wins over a concurrent edit inside it.
 * - `id` and `typeName` are not stored: both derive from the key (`shape:abc` → typeName `shape`).
 * - A record with numeric `x` and `y` stores them together as one `xy: [x, y]` entry. A drag rewrites
 *   one item per frame instead of two, so the deleted items of one key form a run of consecutive
 *   clocks that Yjs merges into a single deleted struct: 10,000 drag frames grow the V1 encoding by
 *   bytes instead of ~200 KB. The cost: a concurrent move in x by one person and in y by another keeps
 *   one of the two positions whole (a position nobody chose never appears).
 * - `doc.getMap('board').get('schema')`: the serialized tldraw schema of the last writer.
 */
import * as Y from 'yjs'

export const RECORDS_MAP = 'records'
export const BOARD_MAP = 'board'
export const SCHEMA_KEY = 'schema'

/** Key under which a record's numeric x and y are stored together. */
export const XY_KEY = 'xy'
/** Fields stored as nested `Y.Map`s (merge per property). */
export const NESTED_KEYS: ReadonlySet<string> = new Set(['props', 'meta'])
/** Fields derived from the key and never stored. */
const DERIVED_KEYS: ReadonlySet<string> = new Set(['id', 'typeName'])

export type JsonRecord = { id: string; typeName: string } & Record<string, unknown>

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

function hasXY(record: Record<string, unknown>): boolean {
  return typeof record.x === 'number' && typeof record.y === 'number'
}

/** Reads one record back from its `Y.Map`; null when the key has no type prefix or the value is no map. */
export function readRecord(id: string, ymap: unknown): JsonRecord | null {
  const typeName = typeNameFromId(id)
  if (typeName === null || !(ymap instanceof Y.Map)) return null
  const record: JsonRecord = { id, typeName }
  for (const [key, value] of ymap.entries()) {
    if (DERIVED_KEYS.has(key)) continue
    if (key === XY_KEY && Array.isArray(value) && value.length === 2) {
      record.x = value[0]
      record.y = value[1]
    } else if (value instanceof Y.Map) {
      record[key] = value.toJSON()
    } else {
      record[key] = value
    }
  }
  return record
}

/** A new `Y.Map` holding `record` (to be inserted into the records map). */
export function createRecordMap(record: Record<string, unknown>): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>()
  const xy = hasXY(record)
  for (const [key, value] of Object.entries(record)) {
    if (DERIVED_KEYS.has(key)) continue
    if (xy && (key === 'x' || key === 'y')) continue
    if (NESTED_KEYS.has(key) && isPlainObject(value)) {
      ymap.set(key, new Y.Map(Object.entries(value)))
    } else if (value !== undefined) {
      ymap.set(key, value)
    }
  }
  if (xy) ymap.set(XY_KEY, [record.x, record.y])
  return ymap
}

/**
 * Writes into `ymap` only what differs between `prev` and `next` (one level deep inside `props` and
 * `meta`). `prev` must describe what `ymap` currently holds. Returns the number of entries written.
 */
export function patchRecordMap(
  ymap: Y.Map<unknown>,
  prev: Record<string, unknown>,
  next: Record<string, unknown>,
): number {
  let writes = 0
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)])
  const xy = hasXY(next)
  for (const key of keys) {
    if (DERIVED_KEYS.has(key)) continue
    if (xy && (key === 'x' || key === 'y')) continue
    const before = prev[key]
    const after = next[key]
    if (NESTED_KEYS.has(key) && isPlainObject(after)) {
      const nested = ymap.get(key)
      if (nested instanceof Y.Map && isPlainObject(before)) {
        writes += patchNested(nested, before, after)
      } else {
        ymap.set(key, new Y.Map(Object.entries(after)))
        writes++
      }
    } else if (after === undefined) {
      if (ymap.has(key)) {
        ymap.delete(key)
        writes++
      }
    } else if (!deepEqual(before, after)) {
      ymap.set(key, after)
      writes++
    }
  }
  if (xy) {
    const stored = ymap.get(XY_KEY)
    const storedIsXY = Array.isArray(stored) && stored.length === 2
    if (!storedIsXY || prev.x !== next.x || prev.y !== next.y) {
      ymap.set(XY_KEY, [next.x, next.y])
      writes++
    }
  } else if (ymap.has(XY_KEY)) {
    ymap.delete(XY_KEY)
    writes++
  }
  return writes
}

function patchNested(nested: Y.Map<unknown>, before: Record<string, unknown>, after: Record<string, unknown>): number {
  let writes = 0
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const value = after[key]
    if (value === undefined) {
      if (nested.has(key)) {
        nested.delete(key)
        writes++
      }
    } else if (!deepEqual(before[key], value)) {
      nested.set(key, value)
      writes++
    }
  }
  return writes
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
