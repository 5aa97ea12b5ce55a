/**
 * SQLite storage (better-sqlite3, synchronous API behind the async BoardStorage interface).
 *
 * Durability [S6][S7]. The database runs in WAL mode with SQLite's `synchronous = NORMAL`: a commit
 * writes its pages to the WAL file and returns without flushing the disk, so it survives a crash or
 * `kill -9` of this process (the pages are in the OS's cache) — that is when the server relays an
 * update to the others. With `synchronous: 'FULL'` (the default) the WAL file is then fsynced before
 * the author's echo ("saved"): `syncAppended` runs `fdatasync` on it in libuv's thread pool, off the
 * event loop, and one call covers every commit before it. Every other write (boards, links, assets,
 * snapshots, votes, compaction) awaits that sync before it resolves. SQLite's own FULL would fsync
 * inside every commit, on the event loop, before anyone — readers included — could see the update.
 * With `'NORMAL'` no write waits for a sync: the WAL is flushed in the background at most
 * `flushWithinMs` (200 ms) after a commit, so a power cut may lose the commits of that last moment.
 * SQLite syncs the WAL before each checkpoint and the database after it, and a WAL is only reused
 * after a complete checkpoint, so syncing the WAL file is enough for everything committed.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { ROLES, parseSide, type BoardId, type VoteConfig } from '@overlap/shared'
import {
  BoardExistsError,
  UnknownBoardError,
  type BoardMeta,
  type BoardStorage,
  type LinkHashes,
  type LogStats,
  type PendingUpdate,
  type SnapshotMeta,
  type StoredDoc,
  type StoredSnapshot,
  type CastResult,
  type StoredBallot,
  type StoredVote,
  type BallotCast,
  type NewAsset,
} from './BoardStorage.js'
import { mergeStoredDoc, toUint8Array } from './mergeDoc.js'
import { decideBallot, type VoterBallots } from '../workshop/ballotRules.js'

export type SqliteSynchronous = 'FULL' | 'NORMAL'

export interface SqliteStorageOptions {
  /** Database file; `:memory:` for a private in-memory database. */
  file: string
  synchronous?: SqliteSynchronous
  /**
   * `NORMAL` only: the WAL is flushed to disk at most this long after a commit (one `fdatasync` in
   * the background for every commit in that time), so a power cut loses at most that much.
   */
  flushWithinMs?: number
  /** Called after each such background flush, with its error if it failed (the server logs it). */
  onBackgroundFlush?: (err: unknown) => void
}

/** `NORMAL`'s bound on what a power cut can take: PostgreSQL's `wal_writer_delay` default. */
export const DEFAULT_FLUSH_WITHIN_MS = 200

/**
 * `PRAGMA user_version`: 1 = boards, state, updates, assets; 2 = + snapshots; 3 = + board_links
 * (token hashes per role, [A1]; boards stored before 3 have no rows: no token opens them); 4 = + votes,
 * vote_voters, ballots (dot votes and their ballots, [WS6]); 5 = `updates.seq` without AUTOINCREMENT
 * (it wrote a third page, sqlite_sequence, in every update's commit). A database of an older
 * version is upgraded in place, one step per version, each step in its own transaction.
 */
const SCHEMA_VERSION = 5

/** Commits between two WAL checkpoints: an update's commit writes 2 pages, SQLite's default is 1,000 pages. */
const CHECKPOINT_AFTER_COMMITS = 400

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
-- The compacted document: one V2 update per board.
CREATE TABLE IF NOT EXISTS board_state (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  state_v2 BLOB NOT NULL
);
-- V1 updates appended since the last compaction. A global seq keeps the order without a per-board
-- counter. (Version 1's form; version 5 drops AUTOINCREMENT, below.)
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  bytes BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_board ON updates(board_id, seq);
CREATE TABLE IF NOT EXISTS assets (
  board_id TEXT NOT NULL REFERENCES boards(id),
  asset_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (board_id, asset_id)
);
`

const MIGRATIONS: Record<number, string> = {
  2: `
CREATE TABLE snapshots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  board_id TEXT NOT NULL REFERENCES boards(id),
  name TEXT NOT NULL,
  author TEXT,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('manual', 'auto')),
  shapes INTEGER NOT NULL,
  cards INTEGER NOT NULL,
  links INTEGER NOT NULL,
  state_v2 BLOB NOT NULL
);
CREATE INDEX snapshots_by_board ON snapshots(board_id, created_at, seq);
`,
  3: `
CREATE TABLE board_links (
  board_id TEXT NOT NULL REFERENCES boards(id),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'edit', 'view')),
  token_hash TEXT NOT NULL,
  PRIMARY KEY (board_id, role)
);
`,
  4: `
CREATE TABLE votes (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  card_ids TEXT NOT NULL,
  config TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'ended', 'cancelled'))
);
-- One row per person who voted (seq = order of their first ballot), with the name/side last used.
CREATE TABLE vote_voters (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  vote_id TEXT NOT NULL REFERENCES votes(id),
  voter_id TEXT NOT NULL,
  name TEXT NOT NULL,
  side TEXT,
  UNIQUE (vote_id, voter_id)
);
CREATE TABLE ballots (
  vote_id TEXT NOT NULL REFERENCES votes(id),
  voter_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (vote_id, voter_id, card_id)
);
`,
  // A seq may now be reused after compaction deleted the highest rows: harmless, since compaction
  // deletes a board's whole log up to its last seq, so every board's remaining rows stay ordered.
  5: `
CREATE TABLE updates_v5 (
  seq INTEGER PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  bytes BLOB NOT NULL
);
INSERT INTO updates_v5 (seq, board_id, bytes) SELECT seq, board_id, bytes FROM updates ORDER BY seq;
DROP TABLE updates;
ALTER TABLE updates_v5 RENAME TO updates;
CREATE INDEX updates_by_board ON updates(board_id, seq);
`,
}

interface SnapshotRow {
  id: string
  board_id: string
  name: string
  author: string | null
  created_at: number
  kind: 'manual' | 'auto'
  shapes: number
  cards: number
  links: number
}

const snapshotMeta = (r: SnapshotRow): SnapshotMeta => ({
  id: r.id,
  boardId: r.board_id as BoardId,
  name: r.name,
  author: r.author,
  createdAt: r.created_at,
  kind: r.kind,
  summary: { shapes: r.shapes, cards: r.cards, links: r.links },
})

interface VoteRow {
  id: string
  board_id: string
  card_ids: string
  config: string
  started_at: number
  status: StoredVote['status']
}

const voteOf = (r: VoteRow): StoredVote => ({
  id: r.id,
  boardId: r.board_id as BoardId,
  cardIds: JSON.parse(r.card_ids) as string[],
  config: JSON.parse(r.config) as VoteConfig,
  startedAt: r.started_at,
  status: r.status,
})

/** A row naming a board that does not exist (every board-owned table references `boards(id)`). */
const isForeignKeyError = (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'

/** Runs a write of one board's row; the foreign key's refusal becomes UnknownBoardError. */
function forBoard(boardId: BoardId, write: () => unknown): void {
  try {
    write()
  } catch (e) {
    if (isForeignKeyError(e)) throw new UnknownBoardError(boardId)
    throw e
  }
}

export function createSqliteStorage({
  file,
  synchronous = 'FULL',
  flushWithinMs = DEFAULT_FLUSH_WITHIN_MS,
  onBackgroundFlush,
}: SqliteStorageOptions): BoardStorage {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Checkpoints are ours (below): SQLite's automatic one runs inside the commit that crosses 1,000
  // WAL pages, i.e. inside some update's commit, with two fsyncs, before that update is relayed.
  db.pragma('wal_autocheckpoint = 0')
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    db.close()
    throw new Error(`${file} was written by a newer server (schema ${version} > ${SCHEMA_VERSION})`)
  }
  // Version 1's tables (IF NOT EXISTS: a no-op on any existing database), then every later step.
  db.exec(SCHEMA)
  for (let v = Math.max(version, 1) + 1; v <= SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!)
      db.pragma(`user_version = ${v}`)
    }).immediate()
  }

  const q = {
    insertBoard: db.prepare('INSERT INTO boards (id, name, created_at) VALUES (?, ?, ?)'),
    getBoard: db.prepare<[string], { id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM boards WHERE id = ?'
    ),
    getState: db.prepare<[string], { state_v2: Buffer }>('SELECT state_v2 FROM board_state WHERE board_id = ?'),
    putState: db.prepare(
      'INSERT INTO board_state (board_id, state_v2) VALUES (?, ?) ON CONFLICT(board_id) DO UPDATE SET state_v2 = excluded.state_v2'
    ),
    getUpdates: db.prepare<[string], { seq: number; bytes: Buffer }>(
      'SELECT seq, bytes FROM updates WHERE board_id = ? ORDER BY seq'
    ),
    insertUpdate: db.prepare('INSERT INTO updates (board_id, bytes) VALUES (?, ?)'),
    deleteUpdatesUpTo: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    logStats: db.prepare<[string, string], { n: number; bytes: number | null; state_bytes: number | null }>(
      `SELECT count(*) AS n, sum(length(bytes)) AS bytes,
        (SELECT length(state_v2) FROM board_state WHERE board_id = ?) AS state_bytes
       FROM updates WHERE board_id = ?`
    ),
    putAsset: db.prepare(
      'INSERT INTO assets (board_id, asset_id, content_type, bytes) VALUES (?, ?, ?, ?) ON CONFLICT(board_id, asset_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes'
    ),
    getAsset: db.prepare<[string, string], { content_type: string; bytes: Buffer }>(
      'SELECT content_type, bytes FROM assets WHERE board_id = ? AND asset_id = ?'
    ),
    insertSnapshot: db.prepare(
      `INSERT INTO snapshots (id, board_id, name, author, created_at, kind, shapes, cards, links, state_v2)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    listSnapshots: db.prepare<[string], SnapshotRow>(
      `SELECT id, board_id, name, author, created_at, kind, shapes, cards, links FROM snapshots
       WHERE board_id = ? ORDER BY created_at DESC, seq DESC`
    ),
    getSnapshot: db.prepare<[string, string], SnapshotRow & { state_v2: Buffer }>(
      `SELECT id, board_id, name, author, created_at, kind, shapes, cards, links, state_v2 FROM snapshots
       WHERE board_id = ? AND id = ?`
    ),
    putLink: db.prepare(
      'INSERT INTO board_links (board_id, role, token_hash) VALUES (?, ?, ?) ON CONFLICT(board_id, role) DO UPDATE SET token_hash = excluded.token_hash'
    ),
    getLinks: db.prepare<[string], { role: string; token_hash: string }>(
      'SELECT role, token_hash FROM board_links WHERE board_id = ?'
    ),
    insertVote: db.prepare(
      'INSERT INTO votes (id, board_id, card_ids, config, started_at, status) VALUES (?, ?, ?, ?, ?, ?)'
    ),
    getVote: db.prepare<[string, string], VoteRow>(
      'SELECT id, board_id, card_ids, config, started_at, status FROM votes WHERE board_id = ? AND id = ?'
    ),
    setVoteStatus: db.prepare('UPDATE votes SET status = ? WHERE id = ?'),
    deleteBallots: db.prepare('DELETE FROM ballots WHERE vote_id = ?'),
    deleteVoters: db.prepare('DELETE FROM vote_voters WHERE vote_id = ?'),
    listBallots: db.prepare<[string], { voter_id: string; name: string; side: string | null; card_id: string; count: number }>(
      `SELECT v.voter_id, v.name, v.side, b.card_id, b.count FROM vote_voters v
       JOIN ballots b ON b.vote_id = v.vote_id AND b.voter_id = v.voter_id
       WHERE v.vote_id = ? ORDER BY v.seq, b.rowid`
    ),
    voterBallots: db.prepare<[string, string], { card_id: string; count: number }>(
      'SELECT card_id, count FROM ballots WHERE vote_id = ? AND voter_id = ?'
    ),
    upsertVoter: db.prepare(
      `INSERT INTO vote_voters (vote_id, voter_id, name, side) VALUES (?, ?, ?, ?)
       ON CONFLICT(vote_id, voter_id) DO UPDATE SET name = excluded.name, side = excluded.side`
    ),
    addBallot: db.prepare(
      `INSERT INTO ballots (vote_id, voter_id, card_id, count) VALUES (?, ?, ?, 1)
       ON CONFLICT(vote_id, voter_id, card_id) DO UPDATE SET count = count + 1`
    ),
    decBallot: db.prepare('UPDATE ballots SET count = count - 1 WHERE vote_id = ? AND voter_id = ? AND card_id = ? AND count > 1'),
    deleteBallot: db.prepare('DELETE FROM ballots WHERE vote_id = ? AND voter_id = ? AND card_id = ? AND count = 1'),
    ping: db.prepare('SELECT 1'),
  }

  const boardExists = (id: string) => q.getBoard.get(id) !== undefined

  const walSync = createWalSync(file, file !== ':memory:')
  // FULL: every write waits for the flush. NORMAL: none does; a timer flushes soon after anyway.
  const syncWal = synchronous === 'FULL' ? walSync : () => Promise.resolve()
  let flushTimer: NodeJS.Timeout | null = null
  const flushSoon = () => {
    if (synchronous === 'FULL' || file === ':memory:' || flushTimer !== null) return
    flushTimer = setTimeout(() => {
      flushTimer = null
      walSync().then(
        () => onBackgroundFlush?.(null),
        (e: unknown) => onBackgroundFlush?.(e)
      )
    }, flushWithinMs)
    // Never keeps the process alive: close() checkpoints, and SQLite syncs a checkpoint.
    flushTimer.unref()
  }

  /**
   * WAL checkpoints, off the path of any update: scheduled after a number of commits (or at once
   * after a big write), they run at the end of the turn, after the rooms have relayed what was just
   * committed. PASSIVE: copies what it can without waiting for anyone; the next one does the rest.
   */
  let commitsSinceCheckpoint = 0
  let checkpointTimer: NodeJS.Immediate | null = null
  const noteCommits = (n: number) => {
    flushSoon()
    commitsSinceCheckpoint += n
    if (commitsSinceCheckpoint >= CHECKPOINT_AFTER_COMMITS && checkpointTimer === null) {
      checkpointTimer = setImmediate(() => {
        checkpointTimer = null
        commitsSinceCheckpoint = 0
        if (db.open) db.pragma('wal_checkpoint(PASSIVE)')
      })
    }
  }

  /** Runs a write, then makes it power-safe before resolving (see the header). */
  const durably = async <T>(write: () => T, weight = 1): Promise<T> => {
    const result = write()
    noteCommits(weight)
    await syncWal()
    return result
  }

  const createBoardTx = db.transaction((meta: BoardMeta, stateV2: Uint8Array, links: LinkHashes | undefined, assets: readonly NewAsset[]) => {
    if (boardExists(meta.id)) throw new BoardExistsError(meta.id)
    q.insertBoard.run(meta.id, meta.name, meta.createdAt)
    q.putState.run(meta.id, stateV2)
    if (links) for (const role of ROLES) q.putLink.run(meta.id, role, links[role])
    for (const { assetId, asset } of assets) q.putAsset.run(meta.id, assetId, asset.contentType, asset.bytes)
  })

  /**
   * Each board's log size, read once from the tables and then kept up to date here: counting the log
   * on every commit scanned up to a whole log (hundreds of rows) on the hot path of every update.
   * Advisory (it only decides when to compact), and this process is the database's only writer.
   */
  const logStatsCache = new Map<BoardId, LogStats>()
  const LOG_STATS_CACHE_MAX = 10_000
  const readLogStats = (boardId: BoardId): LogStats => {
    const cached = logStatsCache.get(boardId)
    if (cached) return cached
    const row = q.logStats.get(boardId, boardId)!
    return { updates: row.n, bytes: row.bytes ?? 0, stateBytes: row.state_bytes ?? 0 }
  }

  // An unknown board is caught by the foreign key (the insert throws, the transaction rolls back):
  // a separate lookup per batch would cost a fifth of this transaction, on every update's path.
  const appendTx = db.transaction((batch: readonly PendingUpdate[]) => {
    const stats = new Map<BoardId, LogStats>()
    for (const { boardId, update } of batch) {
      let s = stats.get(boardId)
      // Read before the inserts: the cached or counted size of the log as it was.
      if (!s) stats.set(boardId, (s = { ...readLogStats(boardId) }))
      q.insertUpdate.run(boardId, update)
      s.updates++
      s.bytes += update.byteLength
    }
    return stats
  })

  // Read, merge and replace inside one IMMEDIATE transaction: nothing can be appended between the
  // read and the delete, and a crash leaves either the old state + log or the new state.
  const compactTx = db.transaction((id: BoardId) => {
    const state = q.getState.get(id)
    if (!state && !boardExists(id)) throw new UnknownBoardError(id)
    const rows = q.getUpdates.all(id)
    if (rows.length === 0) return
    const merged = mergeStoredDoc({ stateV2: state?.state_v2 ?? null, updates: rows.map((r) => r.bytes) })
    q.putState.run(id, merged)
    q.deleteUpdatesUpTo.run(id, rows[rows.length - 1]!.seq)
  })

  const loadTx = db.transaction((id: BoardId): StoredDoc | null => {
    if (!boardExists(id)) return null
    const state = q.getState.get(id)
    return {
      stateV2: state ? toUint8Array(state.state_v2) : null,
      updates: q.getUpdates.all(id).map((r) => toUint8Array(r.bytes)),
    }
  })

  const mineOf = (voteId: string, voterId: string): VoterBallots =>
    Object.fromEntries(q.voterBallots.all(voteId, voterId).map((r) => [r.card_id, r.count]))

  const ballotsOf = (voteId: string): StoredBallot[] =>
    q.listBallots.all(voteId).map((r) => ({ voterId: r.voter_id, name: r.name, side: parseSide(r.side), cardId: r.card_id, count: r.count }))

  const closeVoteTx = db.transaction((boardId: BoardId, voteId: string, as: 'ended' | 'cancelled'): StoredBallot[] | null => {
    const row = q.getVote.get(boardId, voteId)
    if (!row) return null
    if (row.status === 'open') {
      q.setVoteStatus.run(as, voteId)
      if (as === 'cancelled') {
        q.deleteBallots.run(voteId)
        q.deleteVoters.run(voteId)
      }
    }
    return ballotsOf(voteId)
  })

  // IMMEDIATE: the write lock is taken before the read, so two servers (or connections) on one file
  // cannot both read "one vote left" and both spend it.
  const castTx = db.transaction((boardId: BoardId, voteId: string, req: BallotCast): CastResult => {
    const row = q.getVote.get(boardId, voteId)
    if (!row) return { kind: 'unknown-vote' }
    if (row.status !== 'open') return { kind: 'closed' }
    const decision = decideBallot(voteOf(row), mineOf(voteId, req.voterId), req)
    if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message }
    q.upsertVoter.run(voteId, req.voterId, req.name, req.side)
    if (req.delta === 1) q.addBallot.run(voteId, req.voterId, req.cardId)
    else if (q.decBallot.run(voteId, req.voterId, req.cardId).changes === 0) q.deleteBallot.run(voteId, req.voterId, req.cardId)
    return { kind: 'cast', mine: mineOf(voteId, req.voterId) }
  })

  /** Commits a batch of updates in one transaction, synchronously (`appendUpdatesNow`). */
  const appendNow = (batch: readonly PendingUpdate[]): Map<BoardId, LogStats> => {
    if (batch.length === 0) return new Map()
    let stats: Map<BoardId, LogStats>
    try {
      stats = appendTx.immediate(batch)
    } catch (e) {
      const unknown = isForeignKeyError(e) && batch.find((u) => !boardExists(u.boardId))
      if (unknown) throw new UnknownBoardError(unknown.boardId)
      throw e
    }
    // Only once committed: a failed commit leaves the cache as the tables are.
    // Bounded: a server that wrote to very many boards recounts a log now and then instead.
    if (logStatsCache.size > LOG_STATS_CACHE_MAX) logStatsCache.clear()
    for (const [boardId, s] of stats) logStatsCache.set(boardId, { ...s })
    noteCommits(1)
    return stats
  }

  return {
    createBoard(meta, initialUpdate, links, assets = []) {
      return durably(() => createBoardTx(meta, Y.convertUpdateFormatV1ToV2(initialUpdate), links, assets))
    },
    async getLinkHashes(id) {
      const rows = q.getLinks.all(id)
      if (rows.length === 0) return null
      const links: LinkHashes = { facilitator: '', edit: '', view: '' }
      for (const r of rows) if ((ROLES as readonly string[]).includes(r.role)) links[r.role as keyof LinkHashes] = r.token_hash
      return links
    },
    setLinkHash(id, role, hash) {
      return durably(() => {
        if (!boardExists(id)) throw new UnknownBoardError(id)
        q.putLink.run(id, role, hash)
      })
    },
    async getBoard(id) {
      const row = q.getBoard.get(id)
      return row ? { id: row.id as BoardId, name: row.name, createdAt: row.created_at } : null
    },
    async loadDoc(id) {
      return loadTx(id)
    },
    async appendUpdates(batch) {
      return appendNow(batch)
    },
    appendUpdatesNow: appendNow,
    syncAppended() {
      return syncWal()
    },
    compact(id) {
      // A compaction rewrites a whole board: checkpoint soon after it.
      return durably(() => {
        try {
          compactTx.immediate(id)
        } finally {
          logStatsCache.delete(id)
        }
      }, CHECKPOINT_AFTER_COMMITS)
    },
    putAsset(boardId, assetId, asset) {
      return durably(() => forBoard(boardId, () => q.putAsset.run(boardId, assetId, asset.contentType, asset.bytes)))
    },
    async getAsset(boardId, assetId) {
      const row = q.getAsset.get(boardId, assetId)
      return row ? { contentType: row.content_type, bytes: toUint8Array(row.bytes) } : null
    },
    putSnapshot(snap: StoredSnapshot) {
      const { shapes, cards, links } = snap.summary
      return durably(() =>
        forBoard(snap.boardId, () =>
          q.insertSnapshot.run(snap.id, snap.boardId, snap.name, snap.author, snap.createdAt, snap.kind, shapes, cards, links, snap.stateV2)
        )
      )
    },
    async listSnapshots(boardId) {
      return q.listSnapshots.all(boardId).map(snapshotMeta)
    },
    async getSnapshot(boardId, snapshotId) {
      const row = q.getSnapshot.get(boardId, snapshotId)
      return row ? { ...snapshotMeta(row), stateV2: toUint8Array(row.state_v2) } : null
    },
    putVote(vote) {
      return durably(() =>
        forBoard(vote.boardId, () =>
          q.insertVote.run(vote.id, vote.boardId, JSON.stringify(vote.cardIds), JSON.stringify(vote.config), vote.startedAt, vote.status)
        )
      )
    },
    async getVote(boardId, voteId) {
      const row = q.getVote.get(boardId, voteId)
      return row ? voteOf(row) : null
    },
    closeVote(boardId, voteId, as) {
      return durably(() => closeVoteTx.immediate(boardId, voteId, as))
    },
    castBallot(boardId, voteId, req) {
      return durably(() => castTx.immediate(boardId, voteId, req))
    },
    async voterBallots(boardId, voteId, voterId) {
      return q.getVote.get(boardId, voteId) ? mineOf(voteId, voterId) : null
    },
    async ping() {
      q.ping.get()
    },
    async close() {
      if (checkpointTimer !== null) clearImmediate(checkpointTimer)
      checkpointTimer = null
      if (flushTimer !== null) clearTimeout(flushTimer)
      flushTimer = null
      if (db.open) db.close()
      walSync.close()
    },
  }
}

/**
 * `fdatasync` of the database's WAL file, as a function returning a promise, and its `close`. The
 * file is opened on first use (SQLite creates it with the first write) and kept open: SQLite
 * reuses the same file after a checkpoint and deletes it only when the last connection closes.
 * The directory is synced once too, so the WAL file's own entry survives a power cut.
 */
function createWalSync(dbFile: string, enabled: boolean): (() => Promise<void>) & { close(): void } {
  let fd: number | null = null
  const walFile = `${dbFile}-wal`
  const open = (): number | null => {
    if (fd !== null) return fd
    try {
      fd = fs.openSync(walFile, 'r')
    } catch (e) {
      // No WAL file yet: nothing was ever committed to one, so nothing needs syncing.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    const dir = fs.openSync(path.dirname(walFile), 'r')
    try {
      fs.fsyncSync(dir)
    } finally {
      fs.closeSync(dir)
    }
    return fd
  }
  const sync = (): Promise<void> => {
    if (!enabled) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const handle = open()
      if (handle === null) return resolve()
      fs.fdatasync(handle, (err) => (err ? reject(err) : resolve()))
    })
  }
  return Object.assign(sync, {
    close() {
      if (fd !== null) fs.closeSync(fd)
      fd = null
    },
  })
}
