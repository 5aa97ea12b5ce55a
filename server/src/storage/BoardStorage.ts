/**
 * The storage interface every backend implements (SQLite, in-memory; PostgreSQL later).
 * `storageContract.ts` is the one test suite they all pass.
 *
 * Encodings: a board's document is a compacted state (Yjs update, V2 encoding: much smaller for
 * tldraw's many overwritten numeric fields) followed by a log of V1 updates exactly as clients
 * sent them (no re-encoding on the hot path). Loading = apply state, then the log in order.
 */
import type { BallotRequest, BoardId, Role, Side, SnapshotSummary, VoteConfig } from '@overlap/shared'
import type { BallotRefusal, VoterBallots } from '../workshop/ballotRules.js'

export interface BoardMeta {
  id: BoardId
  name: string
  /** Milliseconds since the epoch. */
  createdAt: number
}

export interface StoredDoc {
  /** Compacted state as a V2 update, or null if nothing was compacted yet. */
  stateV2: Uint8Array | null
  /** V1 updates appended after the state, oldest first. */
  updates: Uint8Array[]
}

export interface PendingUpdate {
  boardId: BoardId
  /** A validated V1 Yjs update. */
  update: Uint8Array
}

/** Size of a board's update log (what compaction would fold into the state), and of its state. */
export interface LogStats {
  updates: number
  bytes: number
  /** Bytes of the compacted state (0 if none). */
  stateBytes: number
}

export interface StoredAsset {
  contentType: string
  bytes: Uint8Array
}

/** A named version of a board ([SN1]). */
export interface SnapshotMeta {
  /** Random, URL-safe. */
  id: string
  boardId: BoardId
  name: string
  author: string | null
  /** Milliseconds since the epoch. */
  createdAt: number
  kind: 'manual' | 'auto'
  summary: SnapshotSummary
}

export interface StoredSnapshot extends SnapshotMeta {
  /** The whole doc at that moment (`Y.encodeStateAsUpdateV2`). */
  stateV2: Uint8Array
}

/** SHA-256 (hex) of each role's current link token ([A1]); tokens themselves are never stored. */
export type LinkHashes = Record<Role, string>

/**
 * A dot vote as the server keeps it ([WS5], [WS6]): the doc shows the vote, storage holds the
 * ballots. `ended`/`cancelled` votes accept no ballot; a cancelled vote's ballots are gone.
 */
export interface StoredVote {
  /** Random, URL-safe. */
  id: string
  boardId: BoardId
  cardIds: string[]
  config: VoteConfig
  /** Server clock, ms since the epoch. */
  startedAt: number
  status: 'open' | 'ended' | 'cancelled'
}

/** A ballot as stored: the request, with the voter's key replaced by its hash (`voterIdOf`). */
export type BallotCast = Omit<BallotRequest, 'voterKey'> & { voterId: string }

/** One voter's votes on one card (count ≥ 1), with the name and side they last voted under. */
export interface StoredBallot {
  voterId: string
  name: string
  side: Side | null
  cardId: string
  count: number
}

/** What `castBallot` did: the voter's ballots after the change, or why nothing changed. */
export type CastResult =
  | { kind: 'cast'; mine: VoterBallots }
  | { kind: 'unknown-vote' }
  | { kind: 'closed' }
  | { kind: 'refused'; code: BallotRefusal; message: string }

export class BoardExistsError extends Error {
  constructor(id: string) {
    super(`board ${id} already exists`)
    this.name = 'BoardExistsError'
  }
}

export class UnknownBoardError extends Error {
  constructor(id: string) {
    super(`board ${id} does not exist`)
    this.name = 'UnknownBoardError'
  }
}

/** An asset stored with a new board (`createBoard`). */
export interface NewAsset {
  assetId: string
  asset: StoredAsset
}

export interface BoardStorage {
  /**
   * Creates a board with its initial document (a V1 update), its link token hashes and its first
   * assets (an imported file's inline images), in one transaction: a crash leaves all of it or none.
   * Rejects with BoardExistsError. A board created without `links` has no link: no token opens it
   * (boards stored before links existed are like that).
   */
  createBoard(meta: BoardMeta, initialUpdate: Uint8Array, links?: LinkHashes, assets?: readonly NewAsset[]): Promise<void>
  /** The board's link token hashes, or null (unknown board, or a board without links). */
  getLinkHashes(id: BoardId): Promise<LinkHashes | null>
  /** Replaces one role's token hash (a rotation); rejects with UnknownBoardError. */
  setLinkHash(id: BoardId, role: Role, hash: string): Promise<void>
  getBoard(id: BoardId): Promise<BoardMeta | null>
  /** The stored document, or null for an unknown board. */
  loadDoc(id: BoardId): Promise<StoredDoc | null>
  /**
   * Appends every update of the batch in ONE atomic transaction (possibly across boards) and
   * resolves once it is committed: from then on it survives a crash or `kill -9` of this process.
   * All or nothing: an update for an unknown board rejects the whole batch with UnknownBoardError.
   * Returns each touched board's log size. Surviving a power cut may need `syncAppended` too.
   */
  appendUpdates(batch: readonly PendingUpdate[]): Promise<Map<BoardId, LogStats>>
  /**
   * Optional: `appendUpdates` for a storage whose commit is synchronous (SQLite): committed when it
   * returns, or it throws. The commit queue uses it so that a room can relay an update in the same
   * task as its commit, instead of after the rest of the socket's callback and the promise queue
   * (35–40 µs more before the first reader got anything, on the 50-reader fan-out).
   */
  appendUpdatesNow?(batch: readonly PendingUpdate[]): Map<BoardId, LogStats>
  /**
   * Resolves once every batch whose `appendUpdates` resolved before this call also survives a power
   * cut (resolves at once where a commit already does, or where the operator chose not to sync).
   * Every other write of this interface is power-safe when it resolves, without this call.
   */
  syncAppended(): Promise<void>
  /** Folds the log into the compacted state, atomically (readers see old or new, never half). */
  compact(id: BoardId): Promise<void>
  /** Stores an asset; rejects with UnknownBoardError for an unknown board. */
  putAsset(boardId: BoardId, assetId: string, asset: StoredAsset): Promise<void>
  getAsset(boardId: BoardId, assetId: string): Promise<StoredAsset | null>
  /** Stores a snapshot; rejects with UnknownBoardError for an unknown board. Snapshots are never changed. */
  putSnapshot(snapshot: StoredSnapshot): Promise<void>
  /** A board's snapshots without their state, newest first (ties: last stored first); [] if unknown. */
  listSnapshots(boardId: BoardId): Promise<SnapshotMeta[]>
  /** One snapshot with its state, or null (unknown board or id, or an id of another board). */
  getSnapshot(boardId: BoardId, snapshotId: string): Promise<StoredSnapshot | null>
  /** Stores a new vote; rejects with UnknownBoardError, or if the id exists. */
  putVote(vote: StoredVote): Promise<void>
  /** A vote of this board, or null (unknown id, or another board's). */
  getVote(boardId: BoardId, voteId: string): Promise<StoredVote | null>
  /**
   * Closes an OPEN vote as `ended` (ballots kept for the tally) or `cancelled` (ballots deleted), in
   * one transaction: no ballot is accepted afterwards. Closing a closed vote changes nothing.
   * Returns the vote's ballots afterwards (voters in order of their first ballot), or null if unknown.
   */
  closeVote(boardId: BoardId, voteId: string, as: 'ended' | 'cancelled'): Promise<StoredBallot[] | null>
  /**
   * Adds or removes one vote of one voter, checking the rules (`decideBallot`) and writing in ONE
   * transaction, so concurrent requests cannot over-spend. Durable when it resolves.
   */
  castBallot(boardId: BoardId, voteId: string, req: BallotCast): Promise<CastResult>
  /** One voter's ballots, or null for an unknown vote. */
  voterBallots(boardId: BoardId, voteId: string, voterId: string): Promise<VoterBallots | null>
  /** Resolves if the backend answers (readiness probe). */
  ping(): Promise<void>
  close(): Promise<void>
}
