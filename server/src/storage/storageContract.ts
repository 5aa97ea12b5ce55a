/**
 * The one contract every BoardStorage backend passes. Backends call `runStorageContract` from
 * their own `*.test.ts` (or `*.integration.test.ts` when they need a real database server).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateBoardId, type BoardId } from '@overlap/shared'
import { BoardExistsError, UnknownBoardError, type BoardStorage, type StoredSnapshot, type StoredVote } from './BoardStorage.js'
import { applyStoredDoc } from './mergeDoc.js'

export interface StorageHarness {
  /** A fresh, empty storage. */
  create(): Promise<BoardStorage>
  /** Close `storage` and open the same data again (persistent backends only). */
  reopen?(storage: BoardStorage): Promise<BoardStorage>
  /** The backend commits synchronously and offers `appendUpdatesNow` (SQLite). */
  commitsNow?: boolean
  /** Remove temp files etc.; called after each test. */
  cleanup?(): Promise<void>
}

function initialUpdate(title = 'seed'): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('board').set('title', title)
  return Y.encodeStateAsUpdate(doc)
}

async function loadYDoc(storage: BoardStorage, id: BoardId): Promise<Y.Doc> {
  const stored = await storage.loadDoc(id)
  expect(stored).not.toBeNull()
  const doc = new Y.Doc()
  applyStoredDoc(doc, stored!)
  return doc
}

/** A writer doc whose incremental updates we capture, as a client would send them. */
function writer(seedUpdate: Uint8Array) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, seedUpdate)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  return { doc, updates }
}

export function runStorageContract(name: string, harness: StorageHarness): void {
  describe(`BoardStorage contract: ${name}`, () => {
    let storage: BoardStorage
    const meta = (id = generateBoardId()) => ({ id, name: 'Kick-off', createdAt: 1_700_000_000_000 })
    /** A stored board `a` and a writer `w` on it with two updates, not appended yet. */
    const boardWithTwoUpdates = async () => {
      const a = meta()
      const seed = initialUpdate()
      await storage.createBoard(a, seed)
      const w = writer(seed)
      w.doc.getMap('m').set('k', 1)
      w.doc.getMap('m').set('k', 2)
      return { a, w }
    }

    beforeEach(async () => {
      storage = await harness.create()
    })
    afterEach(async () => {
      await storage.close()
      await harness.cleanup?.()
    })

    it('[S20] creates a board and reads its metadata and initial document back', async () => {
      const m = meta()
      await storage.createBoard(m, initialUpdate('hello'))
      expect(await storage.getBoard(m.id)).toEqual(m)
      const doc = await loadYDoc(storage, m.id)
      expect(doc.getMap('board').get('title')).toBe('hello')
    })

    it('[S20] refuses to create a board twice', async () => {
      const m = meta()
      await storage.createBoard(m, initialUpdate())
      await expect(storage.createBoard({ ...m, name: 'other' }, initialUpdate())).rejects.toBeInstanceOf(
        BoardExistsError
      )
      expect((await storage.getBoard(m.id))?.name).toBe('Kick-off')
    })

    it('[S21] knows nothing of unknown boards', async () => {
      const id = generateBoardId()
      expect(await storage.getBoard(id)).toBeNull()
      expect(await storage.loadDoc(id)).toBeNull()
      expect(await storage.getAsset(id, 'a')).toBeNull()
    })

    it('[S22] appends updates of several boards in one batch, in order, and reports log sizes', async () => {
      const a = meta()
      const b = meta()
      const seed = initialUpdate()
      await storage.createBoard(a, seed)
      await storage.createBoard(b, seed)
      const wa = writer(seed)
      const wb = writer(seed)
      const arr = wa.doc.getArray<number>('order')
      for (let i = 0; i < 20; i++) arr.push([i])
      wb.doc.getMap('m').set('k', 'v')
      const batch = [
        ...wa.updates.slice(0, 10).map((update) => ({ boardId: a.id, update })),
        ...wb.updates.map((update) => ({ boardId: b.id, update })),
        ...wa.updates.slice(10).map((update) => ({ boardId: a.id, update })),
      ]
      const stats = await storage.appendUpdates(batch)
      expect(stats.get(a.id)).toEqual({
        updates: 20,
        bytes: wa.updates.reduce((n, u) => n + u.byteLength, 0),
        stateBytes: expect.any(Number),
      })
      expect(stats.get(a.id)!.stateBytes).toBeGreaterThan(0)
      expect(stats.get(b.id)?.updates).toBe(1)
      const stored = await storage.loadDoc(a.id)
      expect(stored!.updates).toEqual(wa.updates.map((u) => new Uint8Array(u)))
      expect((await loadYDoc(storage, a.id)).getArray('order').toArray()).toEqual([...Array(20).keys()])
      expect((await loadYDoc(storage, b.id)).getMap('m').get('k')).toBe('v')
    })

    it('[S22] rejects a whole batch that names an unknown board, storing none of it', async () => {
      const a = meta()
      const seed = initialUpdate()
      await storage.createBoard(a, seed)
      const w = writer(seed)
      w.doc.getMap('m').set('k', 1)
      const batch = [
        { boardId: a.id, update: w.updates[0]! },
        { boardId: generateBoardId(), update: w.updates[0]! },
      ]
      await expect(storage.appendUpdates(batch)).rejects.toBeInstanceOf(UnknownBoardError)
      expect((await storage.loadDoc(a.id))!.updates).toHaveLength(0)
    })

    // Only for backends that commit synchronously (harness.commitsNow); the others do not offer it.
    if (harness.commitsNow) it('[S22] appendUpdatesNow has committed when it returns, all or nothing', async () => {
      expect(storage.appendUpdatesNow).toBeTypeOf('function')
      const { a, w } = await boardWithTwoUpdates()
      const unknown = [
        { boardId: a.id, update: w.updates[0]! },
        { boardId: generateBoardId(), update: w.updates[0]! },
      ]
      expect(() => storage.appendUpdatesNow!(unknown)).toThrow(UnknownBoardError)
      const stats = storage.appendUpdatesNow!(w.updates.map((update) => ({ boardId: a.id, update })))
      expect(stats.get(a.id)).toMatchObject({ updates: 2, bytes: w.updates[0]!.byteLength + w.updates[1]!.byteLength })
      expect((await loadYDoc(storage, a.id)).getMap('m').get('k')).toBe(2)
    })

    it('[S22] syncAppended resolves with nothing appended, and after appends; the log is unchanged by it', async () => {
      await storage.syncAppended()
      const { a, w } = await boardWithTwoUpdates()
      await storage.appendUpdates([{ boardId: a.id, update: w.updates[0]! }])
      await storage.appendUpdates([{ boardId: a.id, update: w.updates[1]! }])
      await storage.syncAppended()
      expect((await storage.loadDoc(a.id))!.updates).toEqual(w.updates.map((u) => new Uint8Array(u)))
    })

    it('[S23] compaction keeps the document and empties the log', async () => {
      const a = meta()
      const seed = initialUpdate()
      await storage.createBoard(a, seed)
      const w = writer(seed)
      const m = w.doc.getMap<number>('shape')
      for (let i = 0; i < 200; i++) m.set('x', i)
      await storage.appendUpdates(w.updates.map((update) => ({ boardId: a.id, update })))
      const before = await storage.loadDoc(a.id)
      await storage.compact(a.id)
      const after = await storage.loadDoc(a.id)
      expect(after!.updates).toHaveLength(0)
      // Overwritten values are garbage-collected, so the compacted state is smaller than the log.
      const logBytes = before!.updates.reduce((n, u) => n + u.byteLength, 0)
      expect(after!.stateV2!.byteLength).toBeLessThan(logBytes)
      const doc = await loadYDoc(storage, a.id)
      expect(doc.getMap('shape').get('x')).toBe(199)
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(w.doc))
      // Appends after a compaction still load after it.
      m.set('x', 1000)
      const stats = await storage.appendUpdates([{ boardId: a.id, update: w.updates.at(-1)! }])
      expect(stats.get(a.id)?.updates).toBe(1)
      expect((await loadYDoc(storage, a.id)).getMap('shape').get('x')).toBe(1000)
    })

    it('[S23] compacting an unknown board rejects; compacting an empty log is a no-op', async () => {
      await expect(storage.compact(generateBoardId())).rejects.toBeInstanceOf(UnknownBoardError)
      const a = meta()
      await storage.createBoard(a, initialUpdate('x'))
      await storage.compact(a.id)
      expect((await loadYDoc(storage, a.id)).getMap('board').get('title')).toBe('x')
    })

    it('[S24] a board created with its first assets has them; a refused creation stores neither', async () => {
      const a = meta()
      const png = { contentType: 'image/png', bytes: new Uint8Array([1, 2, 3]) }
      await storage.createBoard(a, initialUpdate(), undefined, [{ assetId: 'img1', asset: png }])
      expect(await storage.getAsset(a.id, 'img1')).toEqual(png)
      // The same id again: refused as a whole, the first board's asset untouched, no second asset.
      const other = { contentType: 'image/gif', bytes: new Uint8Array([9]) }
      await expect(
        storage.createBoard(a, initialUpdate(), undefined, [{ assetId: 'img1', asset: other }, { assetId: 'img2', asset: other }])
      ).rejects.toBeInstanceOf(BoardExistsError)
      expect(await storage.getAsset(a.id, 'img1')).toEqual(png)
      expect(await storage.getAsset(a.id, 'img2')).toBeNull()
    })

    it('[S24] stores assets per board, copying the bytes', async () => {
      const a = meta()
      await storage.createBoard(a, initialUpdate())
      const bytes = new Uint8Array([1, 2, 3])
      await storage.putAsset(a.id, 'img1', { contentType: 'image/png', bytes })
      bytes[0] = 99
      expect(await storage.getAsset(a.id, 'img1')).toEqual({
        contentType: 'image/png',
        bytes: new Uint8Array([1, 2, 3]),
      })
      expect(await storage.getAsset(a.id, 'img2')).toBeNull()
      await expect(
        storage.putAsset(generateBoardId(), 'img1', { contentType: 'image/png', bytes })
      ).rejects.toBeInstanceOf(UnknownBoardError)
    })

    const snapshot = (boardId: BoardId, id: string, createdAt: number, kind: 'manual' | 'auto' = 'manual'): StoredSnapshot => ({
      id,
      boardId,
      name: `v ${id}`,
      author: kind === 'manual' ? 'Ada' : null,
      createdAt,
      kind,
      summary: { shapes: 3, cards: 2, links: 1 },
      stateV2: Y.convertUpdateFormatV1ToV2(initialUpdate(id)),
    })

    it('[SN1] stores snapshots with their state and lists them newest first, without state', async () => {
      const a = meta()
      const b = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.createBoard(b, initialUpdate())
      const s1 = snapshot(a.id, 's1', 1000)
      const s2 = snapshot(a.id, 's2', 3000, 'auto')
      const s3 = snapshot(a.id, 's3', 2000)
      const s4 = snapshot(a.id, 's4', 3000) // same time as s2, stored later: listed first
      for (const s of [s1, s2, s3, s4]) await storage.putSnapshot(s)
      await storage.putSnapshot(snapshot(b.id, 'other', 5000))
      const list = await storage.listSnapshots(a.id)
      expect(list.map((s) => s.id)).toEqual(['s4', 's2', 's3', 's1'])
      const { stateV2: _state, ...s2meta } = s2
      expect(list[1]).toEqual(s2meta)
      expect(list[1]).not.toHaveProperty('stateV2')
      const got = await storage.getSnapshot(a.id, 's1')
      expect(got).toEqual(s1)
      const doc = new Y.Doc()
      Y.applyUpdateV2(doc, got!.stateV2)
      expect(doc.getMap('board').get('title')).toBe('s1')
    })

    it('[SN1] knows no snapshot of an unknown board, id, or of another board; refuses one for an unknown board', async () => {
      const a = meta()
      const b = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.createBoard(b, initialUpdate())
      await storage.putSnapshot(snapshot(a.id, 'mine', 1))
      expect(await storage.getSnapshot(b.id, 'mine')).toBeNull()
      expect(await storage.getSnapshot(a.id, 'nope')).toBeNull()
      expect(await storage.listSnapshots(generateBoardId())).toEqual([])
      const ghost = generateBoardId()
      await expect(storage.putSnapshot(snapshot(ghost, 'x', 1))).rejects.toBeInstanceOf(UnknownBoardError)
      expect(await storage.listSnapshots(ghost)).toEqual([])
    })

    it('[SN1] a snapshot is a copy: later edits and compaction do not change it', async () => {
      const a = meta()
      const seed = initialUpdate('before')
      await storage.createBoard(a, seed)
      const s = snapshot(a.id, 'frozen', 1)
      await storage.putSnapshot(s)
      s.stateV2[0] = (s.stateV2[0]! + 1) % 256
      const w = writer(seed)
      w.doc.getMap('board').set('title', 'after')
      await storage.appendUpdates(w.updates.map((update) => ({ boardId: a.id, update })))
      await storage.compact(a.id)
      const doc = new Y.Doc()
      Y.applyUpdateV2(doc, (await storage.getSnapshot(a.id, 'frozen'))!.stateV2)
      expect(doc.getMap('board').get('title')).toBe('frozen')
    })

    const hashes = (tag: string) => ({ facilitator: `f-${tag}`, edit: `e-${tag}`, view: `v-${tag}` })

    it('[A1] stores link token hashes with the board and reads them back', async () => {
      const m = meta()
      await storage.createBoard(m, initialUpdate(), hashes('1'))
      expect(await storage.getLinkHashes(m.id)).toEqual(hashes('1'))
      const other = meta()
      await storage.createBoard(other, initialUpdate())
      expect(await storage.getLinkHashes(other.id)).toBeNull()
      expect(await storage.getLinkHashes(generateBoardId())).toBeNull()
    })

    it('[A6] replaces one role\'s hash on rotation; the others stay; unknown boards reject', async () => {
      const m = meta()
      await storage.createBoard(m, initialUpdate(), hashes('1'))
      await storage.setLinkHash(m.id, 'edit', 'e-2')
      expect(await storage.getLinkHashes(m.id)).toEqual({ ...hashes('1'), edit: 'e-2' })
      await expect(storage.setLinkHash(generateBoardId(), 'view', 'x')).rejects.toBeInstanceOf(UnknownBoardError)
    })

    it('[A1] a failed create (existing id) does not replace the stored hashes', async () => {
      const m = meta()
      await storage.createBoard(m, initialUpdate(), hashes('1'))
      await expect(storage.createBoard(m, initialUpdate(), hashes('2'))).rejects.toBeInstanceOf(BoardExistsError)
      expect(await storage.getLinkHashes(m.id)).toEqual(hashes('1'))
    })

    const vote = (boardId: BoardId, id: string, votesPerPerson = 3, onePerCard = false): StoredVote => ({
      id,
      boardId,
      cardIds: ['shape:a', 'shape:b', 'shape:c'],
      config: { votesPerPerson, onePerCard, anonymous: false },
      startedAt: 1000,
      status: 'open',
    })
    const ballot = (voterId: string, cardId: string, delta: 1 | -1 = 1, side: 'product' | 'design' | null = 'product') => ({
      voterId,
      name: `name-${voterId}`,
      side,
      cardId,
      delta,
    })

    it('[WS6] stores votes per board; unknown ids and other boards know none; unknown boards reject', async () => {
      const a = meta()
      const b = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.createBoard(b, initialUpdate())
      await storage.putVote(vote(a.id, 'v1'))
      expect(await storage.getVote(a.id, 'v1')).toEqual(vote(a.id, 'v1'))
      expect(await storage.getVote(b.id, 'v1')).toBeNull()
      expect(await storage.getVote(a.id, 'nope')).toBeNull()
      await expect(storage.putVote(vote(a.id, 'v1'))).rejects.toThrow()
      await expect(storage.putVote(vote(generateBoardId(), 'v2'))).rejects.toBeInstanceOf(UnknownBoardError)
      expect(await storage.castBallot(b.id, 'v1', ballot('p1', 'shape:a'))).toEqual({ kind: 'unknown-vote' })
      expect(await storage.voterBallots(b.id, 'v1', 'p1')).toBeNull()
      expect(await storage.closeVote(b.id, 'v1', 'ended')).toBeNull()
    })

    it('[WS6] casts and removes ballots under the rules, each refusal with its code', async () => {
      const a = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.putVote(vote(a.id, 'v', 2, true))
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:a'))).toEqual({ kind: 'cast', mine: { 'shape:a': 1 } })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:a'))).toMatchObject({ kind: 'refused', code: 'one_per_card' })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:x'))).toMatchObject({ kind: 'refused', code: 'not_in_vote' })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:b', -1))).toMatchObject({ kind: 'refused', code: 'nothing_to_remove' })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:b'))).toEqual({ kind: 'cast', mine: { 'shape:a': 1, 'shape:b': 1 } })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:c'))).toMatchObject({ kind: 'refused', code: 'no_votes_left' })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:a', -1))).toEqual({ kind: 'cast', mine: { 'shape:b': 1 } })
      expect(await storage.castBallot(a.id, 'v', ballot('p1', 'shape:c'))).toEqual({ kind: 'cast', mine: { 'shape:b': 1, 'shape:c': 1 } })
      // Another voter has their own budget.
      expect(await storage.castBallot(a.id, 'v', ballot('p2', 'shape:c', 1, null))).toEqual({ kind: 'cast', mine: { 'shape:c': 1 } })
      expect(await storage.voterBallots(a.id, 'v', 'p1')).toEqual({ 'shape:b': 1, 'shape:c': 1 })
      expect(await storage.voterBallots(a.id, 'v', 'nobody')).toEqual({})
    })

    it('[WS6] concurrent ballots of one voter never over-spend', async () => {
      const a = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.putVote(vote(a.id, 'v', 3))
      const results = await Promise.all(Array.from({ length: 10 }, () => storage.castBallot(a.id, 'v', ballot('p1', 'shape:a'))))
      expect(results.filter((r) => r.kind === 'cast')).toHaveLength(3)
      expect(results.filter((r) => r.kind === 'refused' && r.code === 'no_votes_left')).toHaveLength(7)
      expect(await storage.voterBallots(a.id, 'v', 'p1')).toEqual({ 'shape:a': 3 })
    })

    it('[WS5] ending keeps the ballots (voters in first-ballot order, last name/side), cancelling drops them; closed votes refuse ballots', async () => {
      const a = meta()
      await storage.createBoard(a, initialUpdate())
      await storage.putVote(vote(a.id, 'ended', 3))
      await storage.putVote(vote(a.id, 'gone', 3))
      await storage.castBallot(a.id, 'ended', ballot('p2', 'shape:b'))
      await storage.castBallot(a.id, 'ended', ballot('p1', 'shape:a', 1, null))
      await storage.castBallot(a.id, 'ended', ballot('p2', 'shape:a', 1, 'design'))
      await storage.castBallot(a.id, 'ended', ballot('p2', 'shape:a', 1, 'design'))
      await storage.castBallot(a.id, 'gone', ballot('p1', 'shape:a'))
      const expected = [
        { voterId: 'p2', name: 'name-p2', side: 'design', cardId: 'shape:b', count: 1 },
        { voterId: 'p2', name: 'name-p2', side: 'design', cardId: 'shape:a', count: 2 },
        { voterId: 'p1', name: 'name-p1', side: null, cardId: 'shape:a', count: 1 },
      ]
      expect(await storage.closeVote(a.id, 'ended', 'ended')).toEqual(expected)
      expect((await storage.getVote(a.id, 'ended'))?.status).toBe('ended')
      expect(await storage.castBallot(a.id, 'ended', ballot('p1', 'shape:c'))).toEqual({ kind: 'closed' })
      // Closing again changes nothing (a retried end), not even into a cancel.
      expect(await storage.closeVote(a.id, 'ended', 'cancelled')).toEqual(expected)
      expect((await storage.getVote(a.id, 'ended'))?.status).toBe('ended')
      expect(await storage.closeVote(a.id, 'gone', 'cancelled')).toEqual([])
      expect(await storage.voterBallots(a.id, 'gone', 'p1')).toEqual({})
      expect(await storage.castBallot(a.id, 'gone', ballot('p1', 'shape:a'))).toEqual({ kind: 'closed' })
    })

    it('answers ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined()
    })

    if (harness.reopen) {
      it('[S25] keeps boards, logs, compacted state and assets across a reopen', async () => {
        const a = meta()
        const seed = initialUpdate('persist')
        await storage.createBoard(a, seed, hashes('p'))
        const w = writer(seed)
        w.doc.getMap('m').set('k', 1)
        await storage.appendUpdates([{ boardId: a.id, update: w.updates[0]! }])
        await storage.compact(a.id)
        w.doc.getMap('m').set('k', 2)
        await storage.appendUpdates([{ boardId: a.id, update: w.updates[1]! }])
        await storage.putAsset(a.id, 'img', { contentType: 'image/gif', bytes: new Uint8Array([7]) })
        await storage.putSnapshot(snapshot(a.id, 'kept', 42, 'auto'))
        await storage.putVote(vote(a.id, 'open-vote'))
        await storage.castBallot(a.id, 'open-vote', ballot('p1', 'shape:b'))
        storage = await harness.reopen!(storage)
        expect(await storage.getVote(a.id, 'open-vote')).toEqual(vote(a.id, 'open-vote'))
        expect(await storage.voterBallots(a.id, 'open-vote', 'p1')).toEqual({ 'shape:b': 1 })
        expect((await storage.listSnapshots(a.id)).map((s) => [s.id, s.kind, s.createdAt])).toEqual([['kept', 'auto', 42]])
        expect(await storage.getBoard(a.id)).toEqual(a)
        const doc = await loadYDoc(storage, a.id)
        expect(doc.getMap('m').get('k')).toBe(2)
        expect(doc.getMap('board').get('title')).toBe('persist')
        expect((await storage.getAsset(a.id, 'img'))?.bytes).toEqual(new Uint8Array([7]))
        expect(await storage.getLinkHashes(a.id)).toEqual(hashes('p'))
      })
    }
  })
}
