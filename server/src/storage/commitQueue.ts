/**
 * Batches durable writes: every update accepted during one event-loop turn, across all rooms,
 * goes into ONE storage transaction (one fsync). `append` resolves once that transaction is
 * durable — only then may a room apply, relay and echo the update.
 *
 * When to write: at the end of the turn (`setImmediate`) while updates keep coming, so a busy
 * server writes one batch per turn; but an update that arrives after a quiet spell (`idleMs` since
 * the last write) is written as soon as the callback that accepted it returns (a microtask): the
 * rest of the turn would only add latency (about 0.1 ms measured on a drag's update), and a lone
 * update has nobody to share its fsync with. Everything accepted within that callback still
 * shares the batch.
 *
 * After each batch, boards whose log outgrew the thresholds are compacted (one at a time, in the
 * background; a failed compaction is logged and retried after the next append).
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
  /** or, whatever the above, once the log reaches this many bytes. */
  maxLogBytes: number
}

export const DEFAULT_COMPACTION: CompactionPolicy = {
  maxLogUpdates: 500,
  minLogToStateRatio: 0.1,
  maxLogBytes: 8 * 1024 * 1024,
}

export interface CommitQueue {
  append(boardId: BoardId, update: Uint8Array): Promise<void>
  /** Resolves when everything appended so far is durable and compaction has settled. */
  drain(): Promise<void>
}

interface Pending {
  boardId: BoardId
  update: Uint8Array
  resolve(): void
  reject(e: unknown): void
}

export interface CommitQueueDeps {
  storage: BoardStorage
  log: Logger
  compaction?: CompactionPolicy
  /** How to wait for the end of the current turn; injectable for tests. */
  defer?: (fn: () => void) => void
  /** Quiet time after which an append is written at the end of its callback, not of the turn. */
  idleMs?: number
  now?: () => number
}

export function createCommitQueue({
  storage,
  log,
  compaction = DEFAULT_COMPACTION,
  defer = (fn) => setImmediate(fn),
  idleMs = 2,
  now = () => performance.now(),
}: CommitQueueDeps): CommitQueue {
  let pending: Pending[] = []
  let scheduled = false
  let lastFlush = Number.NEGATIVE_INFINITY
  /** The batch being written; batches are written strictly one after another to keep order. */
  let writing: Promise<void> = Promise.resolve()
  let compacting: Promise<void> = Promise.resolve()
  const toCompact = new Set<BoardId>()

  const needsCompaction = (s: LogStats) =>
    (s.updates >= compaction.maxLogUpdates && s.bytes >= s.stateBytes * compaction.minLogToStateRatio) ||
    s.bytes >= compaction.maxLogBytes

  const writeBatch = async (batch: Pending[]) => {
    try {
      const stats = await storage.appendUpdates(batch.map(({ boardId, update }) => ({ boardId, update })))
      log.debug('batch stored', { updates: batch.length, boards: stats.size })
      for (const p of batch) p.resolve()
      for (const [boardId, s] of stats) if (needsCompaction(s)) scheduleCompaction(boardId)
    } catch (e) {
      log.error('storing a batch failed', { updates: batch.length, err: e })
      for (const p of batch) p.reject(e)
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
    writing = writing.then(() => writeBatch(batch))
  }

  return {
    append(boardId, update) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ boardId, update, resolve, reject })
        if (!scheduled) {
          scheduled = true
          if (now() - lastFlush >= idleMs) queueMicrotask(flush)
          else defer(flush)
        }
      })
    },
    async drain() {
      if (scheduled) flush()
      await writing
      await compacting
    },
  }
}
