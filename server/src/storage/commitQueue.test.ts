import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { generateBoardId } from '@overlap/shared'
import { silentLogger } from '../log.js'
import { createMemoryStorage } from './MemoryStorage.js'
import { createCommitQueue } from './commitQueue.js'

function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < n; i++) doc.getMap('m').set('k', i)
  return out
}

async function setup(compaction = { maxLogUpdates: 1000, minLogToStateRatio: 0, maxLogBytes: 1e9 }) {
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
    await Promise.all(us.map((u, i) => queue.append(i % 2 ? a : b, u)))
    expect(append).toHaveBeenCalledTimes(1)
    expect(append.mock.calls[0]![0]).toHaveLength(6)
    // Order within the batch is the order of acceptance.
    expect(append.mock.calls[0]![0].map((p) => p.update)).toEqual(us)
  })

  it('[S6] resolves only after the write and in order; a later turn is a new batch', async () => {
    const { a, append, queue } = await setup()
    const us = updates(2)
    const order: number[] = []
    const p1 = queue.append(a, us[0]!).then(() => order.push(1))
    await p1
    const p2 = queue.append(a, us[1]!).then(() => order.push(2))
    await p2
    expect(order).toEqual([1, 2])
    expect(append).toHaveBeenCalledTimes(2)
  })

  it('[S6] rejects every update of a failed batch (no update is reported stored when it is not)', async () => {
    const { a, storage, queue } = await setup()
    vi.spyOn(storage, 'appendUpdates').mockRejectedValueOnce(new Error('disk full'))
    const us = updates(3)
    const results = await Promise.allSettled(us.map((u) => queue.append(a, u)))
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    // The queue keeps working after a failure.
    await expect(queue.append(a, us[0]!)).resolves.toBeUndefined()
  })

  it('[S23] compacts a board whose log outgrew the policy, and only that board', async () => {
    const { a, b, compact, queue, storage } = await setup({ maxLogUpdates: 10, minLogToStateRatio: 0, maxLogBytes: 1e9 })
    const us = updates(12)
    await Promise.all(us.map((u) => queue.append(a, u)))
    await queue.append(b, us[0]!)
    await queue.drain()
    expect(compact).toHaveBeenCalledTimes(1)
    expect(compact).toHaveBeenCalledWith(a)
    expect((await storage.loadDoc(a))!.updates).toHaveLength(0)
    expect((await storage.loadDoc(b))!.updates).toHaveLength(1)
  })

  it('[S23] lets a big board’s log grow to a fraction of its state before compacting', async () => {
    const { a, compact, queue } = await setup({ maxLogUpdates: 10, minLogToStateRatio: 1e6, maxLogBytes: 1e9 })
    await Promise.all(updates(20).map((u) => queue.append(a, u)))
    await queue.drain()
    expect(compact).not.toHaveBeenCalled()
  })

  it('[S6] after a quiet spell an update is written when its callback returns; a burst is batched per turn', async () => {
    const storage = createMemoryStorage()
    const a = generateBoardId()
    await storage.createBoard({ id: a, name: 'a', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const append = vi.spyOn(storage, 'appendUpdates')
    let clock = 0
    const queue = createCommitQueue({ storage, log: silentLogger, idleMs: 2, now: () => clock })
    const us = updates(5)
    const turnEnded = () => new Promise<string>((r) => setImmediate(() => r('turn ended')))

    // Quiet queue: both appends of this callback go into one batch, stored before the turn ends
    // (`turnEnded` is scheduled first, so it runs before any setImmediate the queue could use).
    let ended = turnEnded()
    const first = Promise.all([queue.append(a, us[0]!), queue.append(a, us[1]!)]).then(() => 'stored')
    expect(await Promise.race([first, ended])).toBe('stored')
    expect(append).toHaveBeenCalledTimes(1)
    expect(append.mock.calls[0]![0]).toHaveLength(2)

    // 1 ms later (still busy): this one waits for the end of the turn, with whatever else arrives.
    clock += 1
    const second = queue.append(a, us[2]!)
    await Promise.resolve()
    const third = queue.append(a, us[3]!)
    await Promise.all([second, third])
    expect(append).toHaveBeenCalledTimes(2)
    expect(append.mock.calls[1]![0]).toHaveLength(2)

    // Quiet again.
    clock += 5
    ended = turnEnded()
    const fourth = queue.append(a, us[4]!).then(() => 'stored')
    expect(await Promise.race([fourth, ended])).toBe('stored')
    expect(append).toHaveBeenCalledTimes(3)
  })
})
