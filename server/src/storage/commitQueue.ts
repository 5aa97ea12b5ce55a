/**
 * Batches durable writes: every update accepted during one event-loop turn, across all rooms,
 * goes into ONE storage transaction. `append` answers two promises [S6]:
 * - `stored`: that transaction is committed, so the update survives a crash or `kill -9` of this
 *   process — only then may a room apply it and relay it to the others;
 * - `durable`: it also survives a power cut (the storage's `syncAppended`) — only then is it
 *   echoed to its author, whose client shows the echo as "saved".
 * Separating the two keeps the disk flush (0.2–0.3 ms here) off the path every reader waits on,
 * while "saved" still means what it says. One flush covers every batch committed before it
 * started; batches committed while it runs share the next one.
 *
 * When to write: at the end of the turn (`setImmediate`) while updates keep coming, so a busy
 * server writes one batch per turn; but an update that arrives after a quiet spell (`idleMs` since
 * the last write), with no batch being written, is written at once, inside `append` (SQLite commits
 * synchronously): waiting for the rest of the turn only added latency (about 0.1 ms measured on a
 * drag's update), and a lone update has nobody to share its commit with. With a storage that offers
 * `appendUpdatesNow`, such an update is `committed` when `append` returns, and its room relays it at
 * once: waiting for `stored`'s turn cost the readers another 35–40 µs on the 50-reader fan-out.
 *
 * After each batch, boards whose log outgrew the thresholds are compacted (one at a time; a failed
 * compaction is logged and retried after the next append) — once the board has been quiet for
 * `quietMs`: a compaction runs on the event loop (about 0.3 s for 10,000 shapes), so it waits for a
 * pause in the session instead of freezing everyone mid-drag. A log at `maxLogBytes` does not wait.
 */
import type { BoardId } from '@overlap/shared'
import type { Logger } from '../log.js'
import type { BoardStorage, LogStats } from './BoardStorage.js'

/**
 * When to compact a board. Compaction costs time proportional to the board (about 0.3 s for
 * 10,000 shapes, on the event loop), so a big board waits until its log is a sizeable fraction of
 * its state: the cost per update stays flat, and a reload applies at most that fraction extra.
 */
export interface CompactionPolicy {
  /** Compact once the log holds at least this many updates… */
  maxLogUpdates: number
  /** …and its bytes are at least this fraction of the compacted state's; */
  minLogToStateRatio: number
  /** or, whatever the above, once the log reaches this many bytes (then without waiting). */
  maxLogBytes: number
  /** A due board is compacted once no update of it was stored for this long (default 1,000 ms). */
  quietMs?: number
}

export const DEFAULT_COMPACTION: CompactionPolicy = {
  maxLogUpdates: 500,
  minLogToStateRatio: 0.1,
  maxLogBytes: 8 * 1024 * 1024,
  quietMs: 1000,
}

export interface Appended {
  /** Committed: survives a crash of this process. Rejects if the batch was not stored. */
  stored: Promise<void>
  /** Also survives a power cut. Rejects if the batch was not stored or not flushed. */
  durable: Promise<void>
  /**
   * Already committed when `append` returned (a quiet queue and a storage with `appendUpdatesNow`):
   * the caller may relay it at once, in this task, without waiting for `stored`'s turn.
   */
  committed: boolean
}

export interface AppendOptions {
  /**
   * The update will be relayed to other connections as soon as it is stored: its disk flush
   * waits `syncAfterRelayMs`, so it runs after the relay has gone out (see `syncAfterRelayMs`).
   */
  relayed?: boolean
}

export interface CommitQueue {
  append(boardId: BoardId, update: Uint8Array, options?: AppendOptions): Appended
  /** Resolves once everything stored so far is durable too (at once if it already is). */
  synced(): Promise<void>
  /** Resolves when everything appended so far is durable and compaction has settled. */
  drain(): Promise<void>
  /** The last write or disk sync failed, and none has succeeded since (a full disk): its error. */
  failing(): unknown | null
}

interface Deferred {
  promise: Promise<void>
  resolve(): void
  reject(e: unknown): void
}

function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  // A caller may wait on only one of an update's two promises; the other must not become an
  // unhandled rejection (which ends a Node process).
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

interface Pending {
  boardId: BoardId
  update: Uint8Array
  stored: Deferred
  durable: Deferred
  /** Its batch is committed (set before `stored` resolves). */
  committed: boolean
  relayed: boolean
}

export interface CommitQueueDeps {
  storage: BoardStorage
  log: Logger
  compaction?: CompactionPolicy
  /** How to wait for the end of the current turn; injectable for tests. */
  defer?: (fn: () => void) => void
  /** Quiet time after which an append is written at the end of its callback, not of the turn. */
  idleMs?: number
  /**
   * How long the disk flush of a batch holding a relayed update waits (0: at once). The flush
   * gates only the author's "saved", not what the others see; started at once, its thread-pool
   * hand-off and its completion land in the middle of the relay's burst, when the readers' side
   * is busiest (bench/README.md, "Flushing after the relay"). Batches committed meanwhile share it.
   * An update nobody else was shown starts the flush at once: its author is the only one waiting.
   */
  syncAfterRelayMs?: number
  now?: () => number
}

export function createCommitQueue({
  storage,
  log,
  compaction = DEFAULT_COMPACTION,
  defer = (fn) => setImmediate(fn),
  idleMs = 2,
  syncAfterRelayMs = 0,
  now = () => performance.now(),
}: CommitQueueDeps): CommitQueue {
  let pending: Pending[] = []
  let scheduled = false
  let lastFlush = Number.NEGATIVE_INFINITY
  /** The batch being written; batches are written strictly one after another to keep order. */
  let writing: Promise<void> = Promise.resolve()
  let writesInFlight = 0
  let compacting: Promise<void> = Promise.resolve()
  const toCompact = new Set<BoardId>()
  /** Committed, waiting for the next disk sync; and the sync in progress (at most one at a time). */
  let unsynced: Deferred[] = []
  let syncing: Promise<void> | null = null
  let lastFailure: { error: unknown } | null = null
  /** A committed batch waiting for the sync holds a relayed update: the sync waits `syncAfterRelayMs`. */
  let relayedUnsynced = false
  /** ...unless one holds an update nobody else was shown: its author alone waits, so the sync starts at once. */
  let loneUnsynced = false
  let syncTimer: NodeJS.Timeout | null = null
  /** The wait after a relay is over: the next start goes ahead (even if a batch held it back). */
  let waited = false

  /** `atOnce`: no waiting after a relay (drain, shutdown). */
  const startSync = (atOnce = false) => {
    if (syncing || unsynced.length === 0) return
    // A batch waits for the end of this turn (a quiet append was committed at once, the rest of the
    // turn's updates were not): its commit starts the sync, which then covers both batches.
    if (scheduled) return
    if (syncTimer !== null) {
      if (!atOnce && !loneUnsynced) return
      clearTimeout(syncTimer)
      syncTimer = null
    } else if (relayedUnsynced && !loneUnsynced && syncAfterRelayMs > 0 && !atOnce && !waited) {
      syncTimer = setTimeout(() => {
        syncTimer = null
        waited = true
        startSync()
      }, syncAfterRelayMs)
      return
    }
    waited = false
    relayedUnsynced = false
    loneUnsynced = false
    const batch = unsynced
    unsynced = []
    syncing = storage
      .syncAppended()
      .then(
        () => {
          lastFailure = null
          for (const d of batch) d.resolve()
        },
        (e: unknown) => {
          lastFailure = { error: e }
          log.error('syncing stored updates to disk failed', { updates: batch.length, err: e })
          for (const d of batch) d.reject(e)
        }
      )
      .finally(() => {
        syncing = null
        startSync()
      })
  }

  const needsCompaction = (s: LogStats) =>
    (s.updates >= compaction.maxLogUpdates && s.bytes >= s.stateBytes * compaction.minLogToStateRatio) ||
    s.bytes >= compaction.maxLogBytes

  /** After a batch's commit: its updates wait for the next disk sync, its rooms may relay them. */
  const onCommitted = (batch: Pending[], stats: Map<BoardId, LogStats>) => {
    log.debug('batch stored', { updates: batch.length, boards: stats.size })
    lastFailure = null
    for (const p of batch) unsynced.push(p.durable)
    if (batch.some((p) => p.relayed)) relayedUnsynced = true
    if (batch.some((p) => !p.relayed)) loneUnsynced = true
    for (const p of batch) {
      p.committed = true
      p.stored.resolve()
    }
    // Once the rooms have relayed this batch (at once, or in this turn's microtasks), so the relay
    // never waits for the thread pool; and a relayed batch's sync `syncAfterRelayMs` later still
    // (bench/README.md, "Flushing after the relay": running it on the event loop, or in a worker
    // whose completion wakes nobody, did not help the readers).
    defer(() => startSync())
    for (const [boardId, s] of stats) if (needsCompaction(s)) compactWhenQuiet(boardId, s)
  }

  const failed = (batch: Pending[], e: unknown) => {
    lastFailure = { error: e }
    log.error('storing a batch failed', { updates: batch.length, err: e })
    for (const p of batch) {
      p.stored.reject(e)
      p.durable.reject(e)
    }
    // Batches committed before this one may still wait for their sync.
    defer(() => startSync())
  }

  const writeBatch = async (batch: Pending[]) => {
    writesInFlight++
    try {
      onCommitted(batch, await storage.appendUpdates(batch.map(({ boardId, update }) => ({ boardId, update }))))
    } catch (e) {
      failed(batch, e)
    } finally {
      writesInFlight--
    }
  }

  /** `writeBatch` for a storage that commits synchronously: done when it returns. */
  const writeBatchNow = (batch: Pending[], appendNow: NonNullable<BoardStorage['appendUpdatesNow']>) => {
    let stats: Map<BoardId, LogStats>
    try {
      stats = appendNow.call(storage, batch.map(({ boardId, update }) => ({ boardId, update })))
    } catch (e) {
      failed(batch, e)
      return
    }
    onCommitted(batch, stats)
  }

  /** Boards due for compaction, each with the timer that starts it after a quiet spell. */
  const quietTimers = new Map<BoardId, NodeJS.Timeout>()
  const quietMs = compaction.quietMs ?? DEFAULT_COMPACTION.quietMs!
  const compactWhenQuiet = (boardId: BoardId, s: LogStats) => {
    const timer = quietTimers.get(boardId)
    if (quietMs <= 0 || s.bytes >= compaction.maxLogBytes) {
      if (timer) clearTimeout(timer)
      quietTimers.delete(boardId)
      scheduleCompaction(boardId)
    } else if (timer) timer.refresh()
    else {
      const t = setTimeout(() => {
        quietTimers.delete(boardId)
        scheduleCompaction(boardId)
      }, quietMs)
      // A pending compaction never keeps the process alive; drain() runs it.
      t.unref()
      quietTimers.set(boardId, t)
    }
  }

  const scheduleCompaction = (boardId: BoardId) => {
    if (toCompact.has(boardId)) return
    toCompact.add(boardId)
    compacting = compacting.then(async () => {
      const started = performance.now()
      try {
        await storage.compact(boardId)
        log.debug('board compacted', { boardId, ms: Math.round(performance.now() - started) })
      } catch (e) {
        log.error('compaction failed', { boardId, err: e })
      } finally {
        toCompact.delete(boardId)
      }
    })
  }

  const flush = () => {
    scheduled = false
    lastFlush = now()
    const batch = pending
    pending = []
    if (batch.length === 0) return
    if (writesInFlight > 0) writing = writing.then(() => writeBatch(batch))
    // Nothing being written: start now (the storage may commit synchronously, within this call).
    else if (storage.appendUpdatesNow) writeBatchNow(batch, storage.appendUpdatesNow)
    else writing = writeBatch(batch)
  }

  return {
    append(boardId, update, options) {
      const p: Pending = { boardId, update, stored: deferred(), durable: deferred(), committed: false, relayed: options?.relayed ?? false }
      pending.push(p)
      if (!scheduled) {
        scheduled = true
        if (now() - lastFlush >= idleMs) flush()
        else defer(flush)
      }
      return { stored: p.stored.promise, durable: p.durable.promise, committed: p.committed }
    },
    synced() {
      if (!syncing && unsynced.length === 0) return Promise.resolve()
      // Conservative: waits for the sync after the one in progress, if any.
      const d = deferred()
      unsynced.push(d)
      startSync()
      return d.promise
    },
    failing: () => lastFailure?.error ?? null,
    async drain() {
      // Until everything is written and synced, including what is appended meanwhile. Each pass
      // writes or waits for a real sync: a batch waiting for the end of its turn holds the sync
      // back (startSync), so it is written here first, never waited for.
      for (;;) {
        if (scheduled) flush()
        await writing
        if (!syncing && unsynced.length === 0 && !scheduled) break
        startSync(true)
        await syncing
      }
      // Boards waiting for a quiet spell are compacted now (shutdown is quiet enough).
      for (const [boardId, timer] of quietTimers) {
        clearTimeout(timer)
        scheduleCompaction(boardId)
      }
      quietTimers.clear()
      await compacting
    },
  }
}
