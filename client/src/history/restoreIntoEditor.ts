/**
 * Restores a snapshot into the live board from this tab, as ONE store change: the binding writes it
 * as one Yjs transaction of ours, so everyone sees it live and Ctrl+Z (our undo, which only reverts
 * our own changes) takes the whole restore back. The server's restore route does the same diff for
 * API users, but a change the server makes is in nobody's undo stack.
 *
 * Only what differs is written; `user` records (attribution) are never removed.
 */
import { migrateSnapshot } from '@overlap/shared'
import type { Editor, SerializedSchema, TLRecord } from 'tldraw'

export interface RestoreResult {
  put: number
  removed: number
}

export function restoreIntoEditor(
  editor: Editor,
  snapshot: { store: Record<string, unknown>; schema: unknown }
): RestoreResult {
  const { store } = editor
  // A snapshot taken by an older client is migrated to our schema first; a newer one is refused.
  const migrated = migrateSnapshot(store.schema, snapshot.store, snapshot.schema as SerializedSchema)
  if (!migrated.ok) throw new Error(`this snapshot cannot be restored here (${migrated.reason})`)
  const target = new Map<string, TLRecord>()
  for (const record of Object.values(migrated.records)) {
    if (store.schema.types[record.typeName]?.scope === 'document') target.set(record.id, record)
  }

  const toPut: TLRecord[] = []
  for (const record of target.values()) {
    const current = store.get(record.id)
    if (!current || JSON.stringify(current) !== JSON.stringify(record)) toPut.push(record)
  }
  const toRemove = store
    .allRecords()
    .filter((r) => store.schema.types[r.typeName]?.scope === 'document' && r.typeName !== 'user' && !target.has(r.id))
    .map((r) => r.id)

  if (toPut.length === 0 && toRemove.length === 0) return { put: 0, removed: 0 }
  editor.markHistoryStoppingPoint('overlap restore snapshot')
  editor.run(
    () => {
      // Put before remove: a restored page must exist before the current page can go.
      store.put(toPut)
      store.remove(toRemove)
    },
    // Locked shapes are part of the snapshot too; restoring must not be blocked by them.
    { ignoreShapeLock: true }
  )
  editor.markHistoryStoppingPoint('overlap restored snapshot')
  return { put: toPut.length, removed: toRemove.length }
}
