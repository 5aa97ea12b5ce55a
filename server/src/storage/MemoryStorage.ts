/**
 * In-memory storage: for tests and throwaway demos (`STORAGE=memory`). Same contract as SQLite,
 * minus surviving a restart. Bytes are copied in and out so callers cannot alias stored data.
 */
import type { BoardId } from '@overlap/shared'
import {
  BoardExistsError,
  UnknownBoardError,
  type BoardMeta,
  type BoardStorage,
  type LinkHashes,
  type LogStats,
  type PendingUpdate,
  type SnapshotMeta,
  type StoredAsset,
  type StoredDoc,
  type StoredSnapshot,
  type StoredBallot,
  type StoredVote,
} from './BoardStorage.js'
import { decideBallot, type VoterBallots } from '../workshop/ballotRules.js'
import { mergeStoredDoc, toUint8Array } from './mergeDoc.js'
import * as Y from 'yjs'

interface MemoryBoard {
  meta: BoardMeta
  stateV2: Uint8Array | null
  updates: Uint8Array[]
  assets: Map<string, StoredAsset>
  /** Oldest first (insertion order). */
  snapshots: StoredSnapshot[]
  links: LinkHashes | null
  votes: Map<string, MemoryVote>
}

interface MemoryVote {
  vote: StoredVote
  /** Per voter (Map order = first ballot first): name and side of the last ballot, votes per card. */
  voters: Map<string, { name: string; side: StoredBallot['side']; cards: Map<string, number> }>
}

const copyVote = (v: StoredVote): StoredVote => ({ ...v, cardIds: [...v.cardIds], config: { ...v.config } })
const ballotsOf = (v: MemoryVote): StoredBallot[] =>
  [...v.voters].flatMap(([voterId, { name, side, cards }]) =>
    [...cards].map(([cardId, count]) => ({ voterId, name, side, cardId, count }))
  )
const mineOf = (v: MemoryVote, voterId: string): VoterBallots => Object.fromEntries(v.voters.get(voterId)?.cards ?? [])

const copySnapshot = (s: StoredSnapshot): StoredSnapshot => ({ ...s, summary: { ...s.summary }, stateV2: toUint8Array(s.stateV2) })
const metaOf = ({ stateV2: _state, ...meta }: StoredSnapshot): SnapshotMeta => ({ ...meta, summary: { ...meta.summary } })

export function createMemoryStorage(): BoardStorage {
  const boards = new Map<BoardId, MemoryBoard>()
  let closed = false
  const open = () => {
    if (closed) throw new Error('storage is closed')
  }

  return {
    async createBoard(meta, initialUpdate, links, assets = []) {
      open()
      if (boards.has(meta.id)) throw new BoardExistsError(meta.id)
      boards.set(meta.id, {
        meta: { ...meta },
        stateV2: Y.convertUpdateFormatV1ToV2(initialUpdate),
        updates: [],
        assets: new Map(assets.map(({ assetId, asset }) => [assetId, { contentType: asset.contentType, bytes: toUint8Array(asset.bytes) }])),
        snapshots: [],
        links: links ? { ...links } : null,
        votes: new Map(),
      })
    },
    async getLinkHashes(id) {
      open()
      const links = boards.get(id)?.links
      return links ? { ...links } : null
    },
    async setLinkHash(id, role, hash) {
      open()
      const b = boards.get(id)
      if (!b) throw new UnknownBoardError(id)
      // A board without links gets one role only; the others stay unusable (no token matches '').
      b.links = { ...(b.links ?? { facilitator: '', edit: '', view: '' }), [role]: hash }
    },
    async getBoard(id) {
      open()
      const b = boards.get(id)
      return b ? { ...b.meta } : null
    },
    async loadDoc(id): Promise<StoredDoc | null> {
      open()
      const b = boards.get(id)
      if (!b) return null
      return {
        stateV2: b.stateV2 && toUint8Array(b.stateV2),
        updates: b.updates.map(toUint8Array),
      }
    },
    async appendUpdates(batch: readonly PendingUpdate[]) {
      open()
      // Check everything first so that the batch is all-or-nothing, like a transaction.
      for (const { boardId } of batch) if (!boards.has(boardId)) throw new UnknownBoardError(boardId)
      const stats = new Map<BoardId, LogStats>()
      for (const { boardId, update } of batch) boards.get(boardId)!.updates.push(toUint8Array(update))
      for (const boardId of new Set(batch.map((u) => u.boardId))) {
        const { updates, stateV2 } = boards.get(boardId)!
        stats.set(boardId, {
          updates: updates.length,
          bytes: updates.reduce((n, u) => n + u.byteLength, 0),
          stateBytes: stateV2?.byteLength ?? 0,
        })
      }
      return stats
    },
    async syncAppended() {
      open()
    },
    async compact(id) {
      open()
      const b = boards.get(id)
      if (!b) throw new UnknownBoardError(id)
      const stateV2 = mergeStoredDoc({ stateV2: b.stateV2, updates: b.updates })
      b.stateV2 = stateV2
      b.updates = []
    },
    async putAsset(boardId, assetId, asset) {
      open()
      const b = boards.get(boardId)
      if (!b) throw new UnknownBoardError(boardId)
      b.assets.set(assetId, { contentType: asset.contentType, bytes: toUint8Array(asset.bytes) })
    },
    async getAsset(boardId, assetId) {
      open()
      const a = boards.get(boardId)?.assets.get(assetId)
      return a ? { contentType: a.contentType, bytes: toUint8Array(a.bytes) } : null
    },
    async putSnapshot(snapshot) {
      open()
      const b = boards.get(snapshot.boardId)
      if (!b) throw new UnknownBoardError(snapshot.boardId)
      if (b.snapshots.some((s) => s.id === snapshot.id)) throw new Error(`snapshot ${snapshot.id} already exists`)
      b.snapshots.push(copySnapshot(snapshot))
    },
    async listSnapshots(boardId) {
      open()
      const list = [...(boards.get(boardId)?.snapshots ?? [])].reverse()
      // Stable sort: equal times keep "last stored first".
      return list.sort((x, y) => y.createdAt - x.createdAt).map(metaOf)
    },
    async getSnapshot(boardId, snapshotId) {
      open()
      const s = boards.get(boardId)?.snapshots.find((x) => x.id === snapshotId)
      return s ? copySnapshot(s) : null
    },
    async putVote(vote) {
      open()
      const b = boards.get(vote.boardId)
      if (!b) throw new UnknownBoardError(vote.boardId)
      if (b.votes.has(vote.id)) throw new Error(`vote ${vote.id} already exists`)
      b.votes.set(vote.id, { vote: copyVote(vote), voters: new Map() })
    },
    async getVote(boardId, voteId) {
      open()
      const v = boards.get(boardId)?.votes.get(voteId)
      return v ? copyVote(v.vote) : null
    },
    async closeVote(boardId, voteId, as) {
      open()
      const v = boards.get(boardId)?.votes.get(voteId)
      if (!v) return null
      if (v.vote.status === 'open') {
        v.vote.status = as
        if (as === 'cancelled') v.voters.clear()
      }
      return ballotsOf(v)
    },
    async castBallot(boardId, voteId, req) {
      open()
      const v = boards.get(boardId)?.votes.get(voteId)
      if (!v) return { kind: 'unknown-vote' }
      if (v.vote.status !== 'open') return { kind: 'closed' }
      const decision = decideBallot(v.vote, mineOf(v, req.voterId), req)
      if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message }
      const voter = v.voters.get(req.voterId) ?? { name: req.name, side: req.side, cards: new Map<string, number>() }
      voter.name = req.name
      voter.side = req.side
      const n = (voter.cards.get(req.cardId) ?? 0) + req.delta
      if (n > 0) voter.cards.set(req.cardId, n)
      else voter.cards.delete(req.cardId)
      v.voters.set(req.voterId, voter)
      return { kind: 'cast', mine: mineOf(v, req.voterId) }
    },
    async voterBallots(boardId, voteId, voterId) {
      open()
      const v = boards.get(boardId)?.votes.get(voteId)
      return v ? mineOf(v, voterId) : null
    },
    async ping() {
      open()
    },
    async close() {
      closed = true
    },
  }
}
