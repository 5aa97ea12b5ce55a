import { afterEach, describe, expect, it, vi } from 'vitest'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { generateBoardId } from '@overlap/shared'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createMemoryStorage } from './MemoryStorage.js'
import { createSqliteStorage, type SqliteStorageOptions } from './SqliteStorage.js'
import { runStorageContract } from './storageContract.js'

runStorageContract('memory', { create: async () => createMemoryStorage() })

let dir: string | null = null
runStorageContract('sqlite', {
  commitsNow: true,
  async create() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-storage-'))
    return createSqliteStorage({ file: path.join(dir, 'overlap.sqlite') })
  },
  async reopen(storage) {
    await storage.close()
    return createSqliteStorage({ file: path.join(dir!, 'overlap.sqlite') })
  },
  async cleanup() {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    dir = null
  },
})

describe('SQLite schema upgrade [SN11] [A1] [WS6] [S22]', () => {
  it('upgrades a version-1 database in place: boards, documents and assets stay, snapshots work', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-upgrade-'))
    try {
      const file = path.join(d, 'overlap.sqlite')
      // A database exactly as the version-1 server left it.
      const old = new Database(file)
      old.exec(`
        CREATE TABLE boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE board_state (board_id TEXT PRIMARY KEY REFERENCES boards(id), state_v2 BLOB NOT NULL);
        CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL REFERENCES boards(id), bytes BLOB NOT NULL);
        CREATE INDEX updates_by_board ON updates(board_id, seq);
        CREATE TABLE assets (board_id TEXT NOT NULL REFERENCES boards(id), asset_id TEXT NOT NULL, content_type TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (board_id, asset_id));
      `)
      const doc = new Y.Doc()
      doc.getMap('board').set('title', 'old board')
      const id = generateBoardId()
      old.prepare('INSERT INTO boards VALUES (?, ?, ?)').run(id, 'Old', 7)
      old.prepare('INSERT INTO board_state VALUES (?, ?)').run(id, Y.encodeStateAsUpdateV2(doc))
      // Two logged updates (version 5 rebuilds this table).
      const logged: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => logged.push(u))
      doc.getArray<number>('order').push([1])
      doc.getArray<number>('order').push([2])
      for (const u of logged) old.prepare('INSERT INTO updates (board_id, bytes) VALUES (?, ?)').run(id, u)
      old.pragma('user_version = 1')
      old.close()

      const storage = createSqliteStorage({ file })
      expect(await storage.getBoard(id)).toEqual({ id, name: 'Old', createdAt: 7 })
      const stored = await storage.loadDoc(id)
      const loaded = new Y.Doc()
      Y.applyUpdateV2(loaded, stored!.stateV2!)
      expect(loaded.getMap('board').get('title')).toBe('old board')
      expect(stored!.updates).toEqual(logged.map((u) => new Uint8Array(u)))
      // Appends after the upgrade come after the old log.
      doc.getArray<number>('order').push([3])
      await storage.appendUpdates([{ boardId: id, update: logged[2]! }])
      expect((await storage.loadDoc(id))!.updates).toEqual(logged.map((u) => new Uint8Array(u)))
      await storage.putSnapshot({
        id: 'snap', boardId: id, name: 'n', author: null, createdAt: 1, kind: 'auto',
        summary: { shapes: 0, cards: 0, links: 0 }, stateV2: stored!.stateV2!,
      })
      await storage.close()
      const check = new Database(file, { readonly: true })
      expect(check.pragma('user_version', { simple: true })).toBe(5)
      // Version 5: no AUTOINCREMENT on the update log (one page less per commit).
      const table = check.prepare("SELECT sql FROM sqlite_master WHERE name = 'updates'").get() as { sql: string }
      expect(table.sql).not.toMatch(/AUTOINCREMENT/i)
      expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'updates_by_board'").get()).toEqual({ n: 1 })
      check.close()
      const reopened = createSqliteStorage({ file })
      expect((await reopened.listSnapshots(id)).map((s) => s.id)).toEqual(['snap'])
      // An old board has no links until the operator rotates one in; new boards get all three.
      expect(await reopened.getLinkHashes(id)).toBeNull()
      await reopened.setLinkHash(id, 'facilitator', 'f')
      expect((await reopened.getLinkHashes(id))?.facilitator).toBe('f')
      // Version 4 [WS6]: votes and ballots on an upgraded board.
      await reopened.putVote({ id: 'v', boardId: id, cardIds: ['shape:a'], config: { votesPerPerson: 1, onePerCard: false, anonymous: true }, startedAt: 1, status: 'open' })
      expect(await reopened.castBallot(id, 'v', { voterId: 'p', name: 'P', side: null, cardId: 'shape:a', delta: 1 })).toEqual({ kind: 'cast', mine: { 'shape:a': 1 } })
      await reopened.close()
    } finally {
      fs.rmSync(d, { recursive: true, force: true })
    }
  })
})

describe('SQLite disk sync [S6] [S7]', () => {
  afterEach(() => vi.restoreAllMocks())

  /** Which files `fs.fdatasync` was called on, by path (read from /proc while the fd is open). */
  const spyOnSyncs = () => {
    const files: string[] = []
    const real = fs.fdatasync
    vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, cb: fs.NoParamCallback) => {
      files.push(fs.readlinkSync(`/proc/self/fd/${fd}`))
      real(fd, cb)
    }) as typeof fs.fdatasync)
    return files
  }

  const withStorage = async (
    synchronous: 'FULL' | 'NORMAL',
    run: (s: ReturnType<typeof createSqliteStorage>, file: string) => Promise<void>,
    more: Omit<SqliteStorageOptions, 'file' | 'synchronous'> = {}
  ) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-sync-'))
    const file = path.join(d, 'overlap.sqlite')
    const storage = createSqliteStorage({ file, synchronous, ...more })
    try {
      await run(storage, file)
    } finally {
      await storage.close()
      fs.rmSync(d, { recursive: true, force: true })
    }
  }

  const seed = () => Y.encodeStateAsUpdate(new Y.Doc())
  const anUpdate = () => {
    const doc = new Y.Doc()
    let update: Uint8Array | null = null
    doc.on('update', (u: Uint8Array) => (update = u))
    doc.getMap('m').set('k', 1)
    return update!
  }

  it('FULL: a commit does not flush; syncAppended fdatasyncs the WAL file; other writes sync before resolving', async () => {
    await withStorage('FULL', async (storage, file) => {
      const id = generateBoardId()
      const synced = spyOnSyncs()
      await storage.createBoard({ id, name: 'b', createdAt: 0 }, seed())
      expect(synced).toEqual([`${file}-wal`])
      await storage.appendUpdates([{ boardId: id, update: anUpdate() }])
      expect(synced).toHaveLength(1)
      await storage.syncAppended()
      expect(synced).toEqual([`${file}-wal`, `${file}-wal`])
      await storage.putAsset(id, 'a', { contentType: 'image/png', bytes: new Uint8Array([1]) })
      expect(synced).toHaveLength(3)
    })
  })

  it('no WAL checkpoint inside a commit: it runs after the turn that made the commits', async () => {
    await withStorage('FULL', async (storage, file) => {
      const id = generateBoardId()
      await storage.createBoard({ id, name: 'b', createdAt: 0 }, seed())
      await new Promise((r) => setImmediate(r))
      const dbBytes = () => fs.statSync(file).size
      const before = dbBytes()
      // 700 commits of 2 pages in one turn: SQLite's own checkpoint would have run at 1,000 pages.
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      for (let i = 0; i < 700; i++) doc.getMap('m').set('k', 'x'.repeat(200) + i)
      const appended = updates.map((update) => storage.appendUpdates([{ boardId: id, update }]))
      expect(dbBytes()).toBe(before)
      await Promise.all(appended)
      await new Promise((r) => setImmediate(r))
      // Copied into the database file by our checkpoint, after the turn.
      expect(dbBytes()).toBeGreaterThan(before)
      expect((await storage.loadDoc(id))!.updates).toHaveLength(700)
    })
  })

  it('[S7] NORMAL: no write waits for a flush; one background fdatasync of the WAL follows within flushWithinMs, none when idle', async () => {
    const flushed: unknown[] = []
    let onFlush = () => {}
    await withStorage(
      'NORMAL',
      async (storage, file) => {
        const id = generateBoardId()
        const synced = spyOnSyncs()
        const started = performance.now()
        await storage.createBoard({ id, name: 'b', createdAt: 0 }, seed())
        await storage.appendUpdates([{ boardId: id, update: anUpdate() }])
        await storage.appendUpdates([{ boardId: id, update: anUpdate() }])
        await storage.syncAppended()
        expect(synced).toEqual([])
        await new Promise<void>((resolve) => (onFlush = resolve))
        // One flush for the three commits, no sooner than the timer and well before a second one.
        expect(synced).toEqual([`${file}-wal`])
        expect(flushed).toEqual([null])
        expect(performance.now() - started).toBeGreaterThanOrEqual(40)
        // Idle: no further flush.
        await new Promise((r) => setTimeout(r, 150))
        expect(synced).toHaveLength(1)
        // The next commit starts a new window.
        await storage.appendUpdates([{ boardId: id, update: anUpdate() }])
        await new Promise<void>((resolve) => (onFlush = resolve))
        expect(synced).toHaveLength(2)
      },
      {
        flushWithinMs: 50,
        onBackgroundFlush: (err) => {
          flushed.push(err)
          onFlush()
        },
      }
    )
  })
})
