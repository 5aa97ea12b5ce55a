import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { generateBoardId } from '@overlap/shared'
import { silentLogger } from '../log.js'
import { createMemoryStorage } from './MemoryStorage.js'
import { createCommitQueue, type CompactionPolicy } from './commitQueue.js'
import type { BoardStorage } from './BoardStorage.js'

function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) doc.getMap('m').set('k', i)
  return out
}

async function setup(compaction: CompactionPolicy = { maxLogUpdates: 1000, minLogToStateRatio: 0, maxLogBytes: 1e9 }) {
  const storage = createMemoryStorage()
  const a = generateBoardId()
  const b = generateBoardId()
  const seed = Y.encodeStateAsUpdate(new Y.Doc())
  await storage.createBoard({ id: a, name: 'a', createdAt: 0 }, seed)
  await storage.createBoard({ id: b, name: 'b', createdAt: 0 }, seed)
  const append = vi.spyOn(storage, 'appendUpdates')
  const compact = vi.spyOn(storage, 'compact')
  const queue = createCommitQueue({ storage, log: silentLogger, compaction })
  return { storage, a, b, append, compact, queue }
}

describe('commit queue', () => {
  it('[S6] puts every update accepted in one turn, across boards, into one transaction', async () => {
    const { a, b, append, queue } = await setup()
    const us = updates(6)
    await Promise.all(us.map((u, i) => queue.append(i % 2 ? a : b, u).durable))
    // The first, after a quiet spell, is written at once; the other five of the turn together.
    expect(append.mock.calls.map((c) => c[0].length)).toEqual([1, 5])
    // Order across and within the batches is the order of acceptance.
    expect(append.mock.calls.flatMap((c) => c[0].map((p) => p.update))).toEqual(us)
  })

  it('[S6] resolves only after the write and in order; a later turn is a new batch', async () => {
    const { a, append, queue } = await setup()
    const us = updates(2)
    const order: number[] = []
    const p1 = queue.append(a, us[0]!).durable.then(() => order.push(1))
    await p1
    const p2 = queue.append(a, us[1]!).durable.then(() => order.push(2))
    await p2
    expect(order).toEqual([1, 2])
    expect(append).toHaveBeenCalledTimes(2)
  })

  it('[S6] rejects every update of a failed batch (no update is reported stored when it is not)', async () => {
    const { a, storage, queue } = await setup()
    const failing = vi.spyOn(storage, 'appendUpdates').mockRejectedValue(new Error('disk full'))
    const us = updates(3)
    const appended = us.map((u) => queue.append(a, u))
    const results = await Promise.allSettled(appended.flatMap((x) => [x.stored, x.durable]))
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('rejected'))
    failing.mockRestore()
    // The queue keeps working after a failure.
    await expect(queue.append(a, us[0]!).durable).resolves.toBeUndefined()
  })

  it('[S23] compacts a board whose log outgrew the policy, and only that board', async () => {
    const { a, b, compact, queue, storage } = await setup({ maxLogUpdates: 10, minLogToStateRatio: 0, maxLogBytes: 1e9 })
    const us = updates(12)
    await Promise.all(us.map((u) => queue.append(a, u).durable))
    await queue.append(b, us[0]!).durable
    await queue.drain()
    expect(compact).toHaveBeenCalledTimes(1)
    expect(compact).toHaveBeenCalledWith(a)
    expect((await storage.loadDoc(a))!.updates).toHaveLength(0)
    expect((await storage.loadDoc(b))!.updates).toHaveLength(1)
  })

  it('[S23] lets a big board’s log grow to a fraction of its state before compacting', async () => {
    const { a, compact, queue } = await setup({ maxLogUpdates: 10, minLogToStateRatio: 1e6, maxLogBytes: 1e9 })
    await Promise.all(updates(20).map((u) => queue.append(a, u).durable))
    await queue.drain()
    expect(compact).not.toHaveBeenCalled()
  })

  it('[S6] after a quiet spell an update is written inside append; a burst is batched per turn', async () => {
    const storage = createMemoryStorage()
    const a = generateBoardId()
    await storage.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const append = vi.spyOn(storage, 'appendUpdates')
    let clock = 0
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock })
    const us = updates(5)

    // Quiet queue: the write starts within the call itself.
    const first = queue.append(a, us[0]!).stored
    expect(append).toHaveBeenCalledTimes(1)
    expect(append.mock.calls[0]![0]).toHaveLength(1)
    // Right after it (not quiet): waits for the end of the turn, with whatever else arrives.
    const second = queue.append(a, us[1]!).stored
    await Promise.resolve()
    const third = queue.append(a, us[2]!).stored
    expect(append).toHaveBeenCalledTimes(1)
    await Promise.all([first, second, third])
    expect(append).toHaveBeenCalledTimes(2)
    expect(append.mock.calls[1]![0]).toHaveLength(2)

    // 1 ms later (still busy): the end of the turn again.
    clock += 1
    const fourth = queue.append(a, us[3]!).stored
    expect(append).toHaveBeenCalledTimes(2)
    await fourth
    expect(append).toHaveBeenCalledTimes(3)

    // Quiet again: at once.
    clock += 5
    const fifth = queue.append(a, us[4]!).stored
    expect(append).toHaveBeenCalledTimes(4)
    await fifth
  })

  it('[S6] with a storage that commits synchronously, a quiet append has committed when it returns', async () => {
    const inner = createMemoryStorage()
    const a = generateBoardId()
    await inner.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    // The memory storage's commit is synchronous underneath; this exposes it as appendUpdatesNow.
    let committing: Promise<unknown> = Promise.resolve()
    const storage: BoardStorage = {
      ...inner,
      appendUpdatesNow: vi.fn((batch) => {
        committing = inner.appendUpdates(batch)
        return new Map()
      }),
    }
    let clock = 0
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock })
    const us = updates(3)
    const first = queue.append(a, us[0]!)
    expect(first.committed).toBe(true)
    expect(storage.appendUpdatesNow).toHaveBeenCalledTimes(1)
    await committing
    expect((await inner.loadDoc(a))!.updates).toEqual([us[0]])
    // Busy (right after it): written at the end of the turn, so not committed on return.
    const second = queue.append(a, us[1]!)
    expect(second.committed).toBe(false)
    await second.stored
    expect(storage.appendUpdatesNow).toHaveBeenCalledTimes(2)
    // A commit that throws: not committed, both promises reject, nothing relayable.
    clock += 5
    vi.mocked(storage.appendUpdatesNow!).mockImplementationOnce(() => {
      throw new Error('disk full')
    })
    const third = queue.append(a, us[2]!)
    expect(third.committed).toBe(false)
    await expect(third.stored).rejects.toThrow('disk full')
    await expect(third.durable).rejects.toThrow('disk full')
  })

  it('[S6] a quiet append committed at once and the rest of its turn share one disk sync', async () => {
    const inner = createMemoryStorage()
    const a = generateBoardId()
    await inner.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const storage: BoardStorage = { ...inner, appendUpdatesNow: (batch) => (void inner.appendUpdates(batch), new Map()) }
    const sync = vi.spyOn(storage, 'syncAppended')
    let clock = 0
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock })
    // Writers that each waited for their echo send again in the same turn: the first is committed
    // at once, the others at the end of the turn. One sync covers them all, not one for the first.
    const appended = updates(4).map((u) => queue.append(a, u))
    expect(appended.map((x) => x.committed)).toEqual([true, false, false, false])
    await Promise.all(appended.map((x) => x.durable))
    expect(sync).toHaveBeenCalledTimes(1)

    // The batch at the end of the turn fails: the one committed at once is still synced.
    const [u1, u2] = updates(2)
    clock += 5
    const ok = queue.append(a, u1!)
    expect(ok.committed).toBe(true)
    vi.spyOn(storage, 'appendUpdatesNow').mockImplementationOnce(() => {
      throw new Error('disk full')
    })
    const lost = queue.append(a, u2!)
    await expect(lost.durable).rejects.toThrow('disk full')
    await expect(ok.durable).resolves.toBeUndefined()
    expect(sync).toHaveBeenCalledTimes(2)
  })

  it('[S12] drain also writes and syncs what is appended while it waits', async () => {
    const inner = createMemoryStorage()
    const a = generateBoardId()
    await inner.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const storage: BoardStorage = { ...inner, appendUpdatesNow: (batch) => (void inner.appendUpdates(batch), new Map()) }
    // Never quiet: every append waits for the end of its turn.
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => 0 })
    const [u1, u2] = updates(2)
    const first = queue.append(a, u1!)
    const drained = queue.drain()
    const second = queue.append(a, u2!)
    await drained
    await expect(Promise.all([first.durable, second.durable])).resolves.toBeDefined()
    expect((await inner.loadDoc(a))!.updates).toEqual([u1, u2])
  })

  it('[S6] a quiet append while a batch is still being written waits for it: batches stay in order', async () => {
    const storage = createMemoryStorage()
    const a = generateBoardId()
    await storage.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    let clock = 0
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock })
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const real = storage.appendUpdates.bind(storage)
    const order: number[] = []
    const append = vi.spyOn(storage, 'appendUpdates').mockImplementation(async (batch) => {
      if (append.mock.calls.length === 1) await gate
      order.push(append.mock.calls.length)
      return real(batch)
    })
    const us = updates(2)
    const first = queue.append(a, us[0]!).stored
    clock += 5
    const second = queue.append(a, us[1]!).stored
    // Quiet, but the first batch is not written yet: the second is not started beside it.
    expect(append).toHaveBeenCalledTimes(1)
    release()
    await Promise.all([first, second])
    expect(order).toEqual([1, 2])
    expect((await storage.loadDoc(a))!.updates).toEqual(us)
  })

  it('[S6] an update is stored (relayable) before it is durable (echoable); one disk sync covers every batch before it', async () => {
    const { a, storage, queue } = await setup()
    const syncs: Array<() => void> = []
    const sync = vi.spyOn(storage, 'syncAppended').mockImplementation(() => new Promise<void>((r) => syncs.push(r)))
    const us = updates(3)
    const events: string[] = []
    const first = queue.append(a, us[0]!)
    void first.durable.then(() => events.push('1 durable'))
    await first.stored
    events.push('1 stored')
    // The sync starts after the turn that relays the batch.
    expect(sync).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1), { timeout: 1000 })
    // Two more batches committed while the first sync runs: they wait for ONE next sync.
    const second = queue.append(a, us[1]!)
    await second.stored
    const third = queue.append(a, us[2]!)
    await third.stored
    void second.durable.then(() => events.push('2 durable'))
    void third.durable.then(() => events.push('3 durable'))
    expect(sync).toHaveBeenCalledTimes(1)
    expect(events).toEqual(['1 stored'])
    syncs[0]!()
    await first.durable
    expect(events).toEqual(['1 stored', '1 durable'])
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(2), { timeout: 1000 })
    syncs[1]!()
    await Promise.all([second.durable, third.durable])
    expect(events).toEqual(['1 stored', '1 durable', '2 durable', '3 durable'])
    expect(sync).toHaveBeenCalledTimes(2)
  })

  it('[S6] a relayed update\'s disk sync waits syncAfterRelayMs; batches meanwhile share it; unrelayed ones sync at once', async () => {
    const inner = createMemoryStorage()
    const a = generateBoardId()
    await inner.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const storage: BoardStorage = { ...inner, appendUpdatesNow: (batch) => (void inner.appendUpdates(batch), new Map()) }
    const sync = vi.spyOn(storage, 'syncAppended')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let clock = 0
      const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock, syncAfterRelayMs: 5 })
      const [u1, u2, u3, u4] = updates(4)
      const first = queue.append(a, u1!, { relayed: true })
      let durable = 0
      void first.durable.then(() => durable++)
      expect(first.committed).toBe(true)
      // The end of the turn comes and goes: no sync yet.
      await new Promise((r) => setImmediate(r))
      expect(sync).not.toHaveBeenCalled()
      clock += 3
      const second = queue.append(a, u2!, { relayed: true })
      void second.durable.then(() => durable++)
      await new Promise((r) => setImmediate(r))
      expect(sync).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(5)
      await Promise.all([first.durable, second.durable])
      expect(durable).toBe(2)
      expect(sync).toHaveBeenCalledTimes(1)

      // Nobody else on the board: the sync starts after the turn, as without the option.
      clock += 10
      const alone = queue.append(a, u3!)
      await new Promise((r) => setImmediate(r))
      expect(sync).toHaveBeenCalledTimes(2)
      await alone.durable

      // Shutdown does not wait for the timer.
      clock += 10
      const last = queue.append(a, u4!, { relayed: true })
      await queue.drain()
      expect(sync).toHaveBeenCalledTimes(3)
      await expect(last.durable).resolves.toBeUndefined()
      await vi.advanceTimersByTimeAsync(10)
      expect(sync).toHaveBeenCalledTimes(3)

      // A lone author (another board, nobody else on it) while the timer runs: the sync starts at once.
      const [u5, u6] = updates(2)
      clock += 10
      const relayed = queue.append(a, u5!, { relayed: true })
      await new Promise((r) => setImmediate(r))
      expect(sync).toHaveBeenCalledTimes(3)
      clock += 10
      const lone = queue.append(a, u6!)
      await new Promise((r) => setImmediate(r))
      expect(sync).toHaveBeenCalledTimes(4)
      await Promise.all([relayed.durable, lone.durable])
    } finally {
      vi.useRealTimers()
    }
  })

  it('[S6] a failed disk sync rejects durability only, and synced() waits for the next sync', async () => {
    const { a, storage, queue } = await setup()
    const sync = vi.spyOn(storage, 'syncAppended').mockRejectedValueOnce(new Error('EIO'))
    const us = updates(2)
    const x = queue.append(a, us[0]!)
    await expect(x.stored).resolves.toBeUndefined()
    await expect(x.durable).rejects.toThrow('EIO')
    // Nothing stored since: synced() is immediate, with no new sync.
    await queue.synced()
    expect(sync).toHaveBeenCalledTimes(1)
    const y = queue.append(a, us[1]!)
    await y.stored
    await queue.synced()
    await expect(y.durable).resolves.toBeUndefined()
    expect(sync.mock.calls.length).toBeGreaterThanOrEqual(2)
  })

  it('[S12] drain waits for the disk sync of the last batch, even one not started yet', async () => {
    const { a, storage, queue } = await setup()
    let syncs = 0
    storage.syncAppended = async () => {
      syncs++
    }
    const x = queue.append(a, updates(1)[0]!)
    await x.stored
    // The sync is deferred to the end of the turn; drain must not return before it ran.
    expect(syncs).toBe(0)
    await queue.drain()
    expect(syncs).toBe(1)
    await expect(x.durable).resolves.toBeUndefined()
  })

  it('[S23] a due board is compacted once it has been quiet for quietMs; a log at maxLogBytes does not wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { a, compact, queue } = await setup({ maxLogUpdates: 5, minLogToStateRatio: 0, maxLogBytes: 1e9, quietMs: 1000 })
      const us = updates(10)
      for (const u of us.slice(0, 6)) await queue.append(a, u).stored
      // Due, but updates keep coming: each one restarts the wait.
      vi.advanceTimersByTime(900)
      await queue.append(a, us[6]!).stored
      vi.advanceTimersByTime(900)
      expect(compact).not.toHaveBeenCalled()
      vi.advanceTimersByTime(100)
      await vi.waitFor(() => expect(compact).toHaveBeenCalledWith(a), { timeout: 1000 })
      expect(compact).toHaveBeenCalledTimes(1)

      // A board whose log reached maxLogBytes is compacted at once.
      const big = await setup({ maxLogUpdates: 1e9, minLogToStateRatio: 0, maxLogBytes: 1, quietMs: 60_000 })
      await big.queue.append(big.b, us[0]!).stored
      await vi.waitFor(() => expect(big.compact).toHaveBeenCalledWith(big.b), { timeout: 1000 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('[S12] drain compacts the boards still waiting for a quiet spell', async () => {
    const { a, compact, queue, storage } = await setup({ maxLogUpdates: 3, minLogToStateRatio: 0, maxLogBytes: 1e9, quietMs: 60_000 })
    for (const u of updates(4)) await queue.append(a, u).stored
    expect(compact).not.toHaveBeenCalled()
    await queue.drain()
    expect(compact).toHaveBeenCalledWith(a)
    expect((await storage.loadDoc(a))!.updates).toHaveLength(0)
  })
})
