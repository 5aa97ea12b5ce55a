/**
 * Named versions of a board ([SN1]–[SN6]): take one now, list, read one as tldraw JSON, restore one
 * into the live board, and the automatic ones — when the last client leaves a board that changed
 * since its last snapshot, and at most once per interval while a board stays open.
 *
 * "Changed since the last snapshot" compares state vectors: a doc whose state vector equals the
 * latest snapshot's holds exactly the same operations, so nothing happened in between.
 */
import crypto from 'node:crypto'
import * as Y from 'yjs'
import type { TLSchema } from '@tldraw/tlschema'
import { summarizeRecords, toStoreSnapshotJson, type BoardId, type TldrawStoreSnapshotJson } from '@overlap/shared'
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import type { BoardStorage, SnapshotMeta, StoredSnapshot } from '../storage/BoardStorage.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import { readBoardState, recordsForOurSchema, recordsOfState } from './boardState.js'
import { buildRestoreUpdate } from './restoreUpdate.js'

export const AUTO_SNAPSHOT_NAME = 'Automatic snapshot'
export const DEFAULT_AUTO_SNAPSHOT_INTERVAL_MS = 60 * 60 * 1000

export interface SnapshotServiceDeps {
  storage: BoardStorage
  /** Late-bound: the room manager is created with this service's unload hook. */
  rooms: () => RoomManager
  schema: TLSchema
  clock: Clock
  log: Logger
  /** How often open boards get an automatic snapshot (if they changed); 0 = never. */
  autoIntervalMs?: number
}

export interface SnapshotWithJson extends SnapshotMeta {
  snapshot: TldrawStoreSnapshotJson
}

export interface RestoreResult {
  restored: SnapshotMeta
  /** Whether the board changed at all (false: it already equalled the snapshot). */
  changed: boolean
  deleted: number
}

export interface SnapshotService {
  /** null for an unknown board. */
  create(boardId: BoardId, opts: { name: string; author: string | null; kind?: 'manual' | 'auto' }): Promise<SnapshotMeta | null>
  list(boardId: BoardId): Promise<SnapshotMeta[]>
  get(boardId: BoardId, snapshotId: string): Promise<SnapshotWithJson | null>
  /** The board now, as tldraw JSON; null for an unknown board. */
  exportBoard(boardId: BoardId): Promise<TldrawStoreSnapshotJson | null>
  /** null for an unknown board or snapshot. */
  restore(boardId: BoardId, snapshotId: string): Promise<RestoreResult | null>
  /** For RoomManager's `onRoomUnloading`. */
  roomUnloading(boardId: BoardId, doc: Y.Doc): void
  /** One round of interval snapshots over open boards (the timer calls it; tests may too). */
  snapshotOpenBoards(): Promise<void>
  /** Resolves when every automatic snapshot started so far is stored. */
  drain(): Promise<void>
  /** Stops the interval timer. */
  stop(): void
}

const newSnapshotId = () => crypto.randomBytes(12).toString('base64url')

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((x, i) => x === b[i])

export function createSnapshotService({
  storage,
  rooms,
  schema,
  clock,
  log,
  autoIntervalMs = DEFAULT_AUTO_SNAPSHOT_INTERVAL_MS,
}: SnapshotServiceDeps): SnapshotService {
  const pending = new Set<Promise<unknown>>()
  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.add(p)
    void p.finally(() => pending.delete(p)).catch(() => {})
    return p
  }

  const store = async (boardId: BoardId, stateV2: Uint8Array, name: string, author: string | null, kind: 'manual' | 'auto') => {
    const { records } = recordsOfState(stateV2, schema)
    const snapshot: StoredSnapshot = {
      id: newSnapshotId(),
      boardId,
      name,
      author,
      createdAt: clock.now(),
      kind,
      summary: summarizeRecords(records),
      stateV2,
    }
    await storage.putSnapshot(snapshot)
    const { stateV2: _state, ...meta } = snapshot
    log.info('snapshot stored', { boardId, snapshotId: meta.id, kind, bytes: stateV2.byteLength })
    return meta
  }

  /** Whether `stateV2` holds operations the board's latest snapshot does not (true if there is none). */
  const changedSinceLatest = async (boardId: BoardId, stateVector: Uint8Array): Promise<{ changed: boolean; latest: SnapshotMeta | null }> => {
    const [latest] = await storage.listSnapshots(boardId)
    if (!latest) return { changed: true, latest: null }
    const full = await storage.getSnapshot(boardId, latest.id)
    if (!full) return { changed: true, latest }
    return { changed: !sameBytes(Y.encodeStateVectorFromUpdateV2(full.stateV2), stateVector), latest }
  }

  // One automatic snapshot at a time per board: two overlapping rounds (the timer and an unload)
  // would otherwise both see "changed since the latest" and store the same state twice.
  const autoChains = new Map<BoardId, Promise<void>>()
  const autoSnapshot = (boardId: BoardId, stateV2: Uint8Array, minAgeMs: number): Promise<void> => {
    const previous = autoChains.get(boardId) ?? Promise.resolve()
    const next = previous.catch(() => {}).then(() => autoSnapshotNow(boardId, stateV2, minAgeMs))
    autoChains.set(boardId, next)
    void next.catch(() => {}).finally(() => {
      if (autoChains.get(boardId) === next) autoChains.delete(boardId)
    })
    return next
  }

  const autoSnapshotNow = async (boardId: BoardId, stateV2: Uint8Array, minAgeMs: number) => {
    const { changed, latest } = await changedSinceLatest(boardId, Y.encodeStateVectorFromUpdateV2(stateV2))
    if (!changed) return
    if (latest && clock.now() - latest.createdAt < minAgeMs) return
    // A board without a snapshot yet that holds nothing (opened, looked at, left): a snapshot of it
    // would only restore what "New board" gives, and every visit to an empty board would store one.
    if (!latest && !holdsContent(stateV2)) return
    await store(boardId, stateV2, AUTO_SNAPSHOT_NAME, null, 'auto')
  }

  const holdsContent = (stateV2: Uint8Array) =>
    recordsOfState(stateV2, schema).records.some((r) => r.typeName === 'shape' || r.typeName === 'binding' || r.typeName === 'asset')

  const timer = autoIntervalMs > 0 ? clock.setInterval(() => void service.snapshotOpenBoards(), autoIntervalMs) : null

  const service: SnapshotService = {
    async create(boardId, { name, author, kind = 'manual' }) {
      const stateV2 = await readBoardState(storage, (id) => rooms().loadedDoc(id), boardId, log)
      if (stateV2 === null) return null
      return store(boardId, stateV2, name, author, kind)
    },
    list: (boardId) => storage.listSnapshots(boardId),
    async get(boardId, snapshotId) {
      const found = await storage.getSnapshot(boardId, snapshotId)
      if (!found) return null
      const { stateV2, ...meta } = found
      const { records, schema: written } = recordsOfState(stateV2, schema)
      return { ...meta, snapshot: toStoreSnapshotJson(records, written) }
    },
    async exportBoard(boardId) {
      const stateV2 = await readBoardState(storage, (id) => rooms().loadedDoc(id), boardId, log)
      if (stateV2 === null) return null
      const { records, schema: written } = recordsOfState(stateV2, schema)
      return toStoreSnapshotJson(records, written)
    },
    async restore(boardId, snapshotId) {
      const found = await storage.getSnapshot(boardId, snapshotId)
      if (!found) return null
      const { stateV2, ...meta } = found
      const target = recordsForOurSchema(recordsOfState(stateV2, schema), schema)
      const result = await rooms().withRoom(boardId, async (room) => {
        const built = buildRestoreUpdate(room.doc, target)
        if (built === null) return { changed: false, deleted: 0 }
        await room.applyServerUpdate(built.update)
        return { changed: true, deleted: built.deleted }
      })
      if (result === null) return null
      log.info('snapshot restored', { boardId, snapshotId, ...result.value })
      return { restored: meta, ...result.value }
    },
    roomUnloading(boardId, doc) {
      // Read now: the doc is destroyed as soon as this returns.
      const stateV2 = Y.encodeStateAsUpdateV2(doc)
      track(autoSnapshot(boardId, stateV2, 0)).catch((e: unknown) => log.error('automatic snapshot failed', { boardId, err: e }))
    },
    async snapshotOpenBoards() {
      for (const boardId of rooms().liveBoards()) {
        const doc = rooms().loadedDoc(boardId)
        if (!doc) continue
        const stateV2 = Y.encodeStateAsUpdateV2(doc)
        // Minus a second: a timer that fires a hair early must not skip a whole interval.
        await track(autoSnapshot(boardId, stateV2, autoIntervalMs - 1000)).catch((e: unknown) =>
          log.error('automatic snapshot failed', { boardId, err: e })
        )
      }
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
    stop() {
      timer?.cancel()
    },
  }
  return service
}
