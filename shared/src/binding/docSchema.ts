/**
 * The schema a board's doc stores (`doc.getMap('board').get('schema')`): the writer's serialized tldraw
 * schema plus one sequence of our own, `com.overlap.doc-layout`, the version of the record layout
 * (docLayout.ts). Layout 2 creates records as one `@` entry ([B17]); layout 1 (no such sequence) stored
 * every field as its own key.
 *
 * Why inside the tldraw schema: a client built before layout 2 treats an unknown sequence as a newer
 * schema ([B10]) and goes read-only with "reload to update" instead of skipping every record it cannot
 * read, or writing into a board it misreads. Everything that hands the schema to tldraw (migrations,
 * exported .tldr files) gets it WITHOUT this sequence (`tldrawPartOf`).
 */
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store'
import { isPlainObject } from './docLayout.js'
import { checkDocSchema, type SchemaComparison } from './schemaCheck.js'

export const LAYOUT_SEQUENCE = 'com.overlap.doc-layout'
export const LAYOUT_VERSION = 2

type Sequences = Record<string, unknown>

function sequencesOf(raw: unknown): Sequences | null {
  return isPlainObject(raw) && isPlainObject(raw.sequences) ? raw.sequences : null
}

/** The layout version a stored schema declares: 1 when it has no layout sequence, NaN when malformed. */
export function layoutVersionOf(raw: unknown): number {
  const sequences = sequencesOf(raw)
  if (!sequences || !(LAYOUT_SEQUENCE in sequences)) return 1
  const version = sequences[LAYOUT_SEQUENCE]
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : Number.NaN
}

/** The stored schema without our layout sequence: what tldraw may see. Other values pass unchanged. */
export function tldrawPartOf(raw: unknown): unknown {
  const sequences = sequencesOf(raw)
  if (!sequences || !(LAYOUT_SEQUENCE in sequences)) return raw
  const { [LAYOUT_SEQUENCE]: _layout, ...rest } = sequences
  return { ...(raw as object), sequences: rest }
}

/** `schema` as this client stores it in a doc: with the layout sequence. */
export function withLayout(schema: SerializedSchema): SerializedSchema {
  if (schema.schemaVersion !== 2) return schema
  return { ...schema, sequences: { ...schema.sequences, [LAYOUT_SEQUENCE]: LAYOUT_VERSION } }
}

/**
 * [B9]/[B10] for a board's stored schema: the tldraw part compared by `checkDocSchema`, the layout on
 * its own. A newer or malformed layout is 'newer' (read-only); an older one is 'older' (a migration
 * that writes nothing but the schema: layout-1 records read as they are).
 */
export function checkBoardSchema(raw: unknown, ours: StoreSchema<UnknownRecord, unknown>): SchemaComparison {
  const layout = layoutVersionOf(raw)
  if (!(layout <= LAYOUT_VERSION)) return 'newer'
  const verdict = checkDocSchema(tldrawPartOf(raw), ours)
  return verdict === 'same' && layout < LAYOUT_VERSION ? 'older' : verdict
}
