/**
 * Compares the schema stored in a doc with the schema of this client ([B8]–[B10] in shared/SPEC.md).
 *
 * tldraw's `getMigrationsSince` ignores sequences it does not know, so a doc written by a newer client
 * with an extra migration sequence (a custom shape, a new record type) would look "same" and be
 * overwritten with our older idea of it. Unknown sequence ids therefore count as newer here.
 */
import type { SerializedSchema, StoreSchema, UnknownRecord } from '@tldraw/store'
import { isPlainObject } from './docLayout.js'

export type SchemaComparison = 'same' | 'older' | 'newer'

/**
 * 'same': nothing to do. 'older': the doc can be migrated up to our schema. 'newer': the doc was
 * written by a newer client (or its schema is missing, malformed or not migratable) — read only.
 */
export function checkDocSchema(
  stored: SerializedSchema | unknown,
  ours: StoreSchema<UnknownRecord, unknown>,
): SchemaComparison {
  if (!isPlainObject(stored)) return 'newer'
  if (stored.schemaVersion === 2) {
    const sequences = stored.sequences
    if (!isPlainObject(sequences)) return 'newer'
    const ourSequences = ours.serialize().sequences
    let older = false
    for (const [sequenceId, version] of Object.entries(sequences)) {
      const ourVersion = ourSequences[sequenceId]
      if (typeof version !== 'number' || !Number.isInteger(version)) return 'newer'
      if (ourVersion === undefined || version > ourVersion) return 'newer'
      if (version < ourVersion) older = true
    }
    for (const sequenceId of Object.keys(ourSequences)) {
      if (!(sequenceId in sequences)) older = true
    }
    if (!older) return 'same'
    return canMigrate(stored, ours) ? 'older' : 'newer'
  }
  if (stored.schemaVersion === 1) {
    // Pre-2.0 tldraw schemas: only tldraw itself knows how to read them.
    const result = safeMigrationsSince(stored, ours)
    if (result === null) return 'newer'
    return result === 0 ? 'same' : 'older'
  }
  return 'newer'
}

function canMigrate(stored: Record<string, unknown>, ours: StoreSchema<UnknownRecord, unknown>): boolean {
  return safeMigrationsSince(stored, ours) !== null
}

/** Number of migrations to run, or null when tldraw cannot compute them. */
function safeMigrationsSince(stored: Record<string, unknown>, ours: StoreSchema<UnknownRecord, unknown>): number | null {
  try {
    const result = ours.getMigrationsSince(stored as unknown as SerializedSchema)
    return result.ok ? result.value.length : null
  } catch {
    return null
  }
}
