/**
 * A board's whole document as one V2 state, from the live room when it is open (it holds exactly
 * what is stored [S6]) or decoded from storage — and back from such a state to tldraw records.
 */
import * as Y from 'yjs'
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { checkDocSchema, migrateSnapshot, readDocSchema, readRecordsFromDoc, type BoardId } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { openStoredDoc } from '../storage/mergeDoc.js'

/** `Y.encodeStateAsUpdateV2` of the board now, or null for an unknown board. Never loads a room. */
export async function readBoardState(
  storage: BoardStorage,
  loadedDoc: (id: BoardId) => Y.Doc | null,
  boardId: BoardId,
  log: Logger
): Promise<Uint8Array | null> {
  const live = loadedDoc(boardId)
  if (live) return Y.encodeStateAsUpdateV2(live)
  const stored = await storage.loadDoc(boardId)
  if (stored === null) return null
  if (stored.updates.length === 0 && stored.stateV2) return stored.stateV2
  const doc = openStoredDoc(stored, log, boardId)
  try {
    return Y.encodeStateAsUpdateV2(doc)
  } finally {
    doc.destroy()
  }
}

export interface StateRecords {
  /** As in the doc (unvalidated). */
  records: TLRecord[]
  /** The schema the records were written with (the doc's), or ours when the doc has none. */
  schema: SerializedSchema
}

export function recordsOfState(stateV2: Uint8Array, ours: TLSchema): StateRecords {
  const doc = new Y.Doc()
  try {
    Y.applyUpdateV2(doc, stateV2)
    const stored = readDocSchema(doc)
    return { records: readRecordsFromDoc(doc), schema: (stored as SerializedSchema | undefined) ?? ours.serialize() }
  } finally {
    doc.destroy()
  }
}

/**
 * The records of `state` in OUR schema, for writing into a live board: a snapshot taken before a
 * tldraw upgrade is migrated first. A snapshot of a newer schema (a newer client wrote it) is used
 * as is — the clients that can read it will; ours skip what they cannot validate ([B8]).
 */
export function recordsForOurSchema({ records, schema }: StateRecords, ours: TLSchema): TLRecord[] {
  if (checkDocSchema(schema, ours) !== 'older') return records
  const store: Record<string, TLRecord> = {}
  for (const r of records) store[r.id] = r
  const result = migrateSnapshot(ours, store, schema)
  return result.ok ? Object.values(result.records) : records
}
