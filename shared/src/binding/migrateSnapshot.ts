/**
 * tldraw's `migrateStoreSnapshot`, quiet and explained. When a migration fails, tldraw answers only
 * `migration-error` and prints the real cause (a TypeError deep in some shape's migration) with
 * console.error: in the server that was a raw multi-line stack in a JSON-lines log, and the person
 * importing a file never learnt why. Here the cause is caught and becomes part of the reason.
 */
import type { SerializedSchema, StoreSchema } from '@tldraw/store'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'

export type MigratedSnapshot = { ok: true; records: Record<string, TLRecord> } | { ok: false; reason: string }

export function migrateSnapshot(schema: StoreSchema<TLRecord, unknown> | TLSchema, store: Record<string, unknown>, from: SerializedSchema): MigratedSnapshot {
  const printed: string[] = []
  const original = console.error
  // Synchronous: nothing else can log while it is replaced.
  console.error = (...args: unknown[]) => {
    printed.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ').split('\n')[0]!)
  }
  try {
    const result = schema.migrateStoreSnapshot({ store: store as never, schema: from })
    if (result.type === 'success') return { ok: true, records: result.value as unknown as Record<string, TLRecord> }
    return { ok: false, reason: String(result.reason) + (printed.length > 0 ? ` (${printed[0]})` : '') }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) }
  } finally {
    console.error = original
  }
}
