/**
 * The facilitator's workshop actions ([WS3]) and the ballots of dot votes ([WS6]).
 *
 * An action is applied on the SERVER's clock to the board's live doc: the room is loaded (or held)
 * like a restore, the change is computed as one update on a copy of the doc, then stored before it
 * is applied and broadcast [S6]. Actions of one board run one at a time, so two facilitators
 * clicking "start vote" together cannot open two votes.
 *
 * Votes live in two places on purpose: storage holds the vote and its ballots (durable, never in the
 * doc while open); the doc's `workshop.vote` shows the open vote without ballots, then its results.
 */
import crypto from 'node:crypto'
import {
  readWorkshop,
  type BoardId,
  type MyBallots,
  type OpenVote,
  type WorkshopAction,
  type WorkshopState,
} from '@overlap/shared'
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import type { BallotCast, BoardStorage } from '../storage/BoardStorage.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import type { Room } from '../rooms/Room.js'
import { applyTimerAction, type TimerAction } from './timerActions.js'
import { tallyVote } from './tally.js'
import { cardTitleReader } from './cardTitle.js'
import { buildWorkshopUpdate, type WorkshopChanges } from './workshopUpdate.js'
import { myBallots, type BallotRefusal } from './ballotRules.js'

/** A refusal with its HTTP status and machine code. */
export interface WorkshopRefusal {
  ok: false
  status: 404 | 409 | 422
  code: string
  message: string
}

export type ActionResult = { ok: true; workshop: WorkshopState } | WorkshopRefusal
export type BallotResult = { ok: true; ballots: MyBallots } | WorkshopRefusal

export interface WorkshopService {
  apply(boardId: BoardId, action: WorkshopAction): Promise<ActionResult>
  cast(boardId: BoardId, voteId: string, req: BallotCast): Promise<BallotResult>
  mine(boardId: BoardId, voteId: string, voterId: string): Promise<BallotResult>
}

export interface WorkshopServiceDeps {
  storage: BoardStorage
  rooms: RoomManager
  clock: Clock
  log: Logger
  /** Random URL-safe ids (votes, private rounds); injectable for tests. */
  newId?: () => string
}

type Plan = { ok: true; changes: WorkshopChanges } | WorkshopRefusal

const conflict = (code: string, message: string): WorkshopRefusal => ({ ok: false, status: 409, code, message })
const boardNotFound: WorkshopRefusal = { ok: false, status: 404, code: 'board_not_found', message: 'no board with this id' }
const voteNotFound: WorkshopRefusal = { ok: false, status: 404, code: 'vote_not_found', message: 'no vote with this id on this board' }
const voteClosed = conflict('vote_closed', 'this vote is not open any more')

export function createWorkshopService({
  storage,
  rooms,
  clock,
  log,
  newId = () => crypto.randomBytes(12).toString('base64url'),
}: WorkshopServiceDeps): WorkshopService {
  /** One action at a time per board (the chain is dropped once it drains). */
  const chains = new Map<BoardId, Promise<unknown>>()
  const serialized = <T>(boardId: BoardId, fn: () => Promise<T>): Promise<T> => {
    const next = (chains.get(boardId) ?? Promise.resolve()).catch(() => {}).then(fn)
    chains.set(boardId, next)
    void next.catch(() => {}).finally(() => {
      if (chains.get(boardId) === next) chains.delete(boardId)
    })
    return next
  }

  const plan = async (boardId: BoardId, room: Room, state: WorkshopState, action: WorkshopAction, now: number): Promise<Plan> => {
    switch (action.type) {
      case 'timer.start':
      case 'timer.pause':
      case 'timer.resume':
      case 'timer.reset':
      case 'timer.add': {
        const out = applyTimerAction(state.timer, action as TimerAction, now)
        return out.ok ? { ok: true, changes: { timer: out.timer } } : conflict(out.code, out.message)
      }
      case 'vote.start': {
        if (state.vote?.status === 'open') return conflict('vote_open', 'a vote is already open: end or cancel it first')
        const vote: OpenVote = {
          id: newId(),
          status: 'open',
          scopeLabel: action.scopeLabel,
          cardIds: action.cardIds,
          config: action.config,
          startedAt: now,
        }
        await storage.putVote({ id: vote.id, boardId, cardIds: vote.cardIds, config: vote.config, startedAt: now, status: 'open' })
        return { ok: true, changes: { vote } }
      }
      case 'vote.end': {
        const open = state.vote
        if (open?.status !== 'open') return conflict('no_open_vote', 'there is no open vote to end')
        // Closed in storage first: from here on no ballot is accepted, so the tally is final.
        const ballots = await storage.closeVote(boardId, open.id, 'ended')
        const ended = tallyVote(open, ballots ?? [], cardTitleReader(room.doc), now)
        return { ok: true, changes: { vote: ended, voteHistory: [...state.voteHistory, ended] } }
      }
      case 'vote.cancel': {
        const open = state.vote
        if (open?.status !== 'open') return conflict('no_open_vote', 'there is no open vote to cancel')
        await storage.closeVote(boardId, open.id, 'cancelled')
        return { ok: true, changes: { vote: null } }
      }
      case 'private.start':
        if (state.private.status === 'on') return conflict('private_on', 'a private round is already on: reveal it first')
        return { ok: true, changes: { private: { status: 'on', round: newId(), frameId: action.frameId, startedAt: now } } }
      case 'private.reveal':
        if (state.private.status !== 'on') return conflict('private_off', 'there is no private round to reveal')
        return {
          ok: true,
          changes: { private: { status: 'off' }, revealedRounds: [...state.revealedRounds, state.private.round] },
        }
    }
  }

  const refusalOf = (code: BallotRefusal, message: string): WorkshopRefusal => ({ ok: false, status: 422, code, message })

  return {
    async apply(boardId, action) {
      const result = await serialized(boardId, () =>
        rooms.withRoom(boardId, async (room): Promise<ActionResult> => {
          const p = await plan(boardId, room, readWorkshop(room.doc), action, clock.now())
          if (!p.ok) return p
          const update = buildWorkshopUpdate(room.doc, p.changes)
          if (update) await room.applyServerUpdate(update)
          log.info('workshop action', { boardId, action: action.type })
          return { ok: true, workshop: readWorkshop(room.doc) }
        })
      )
      return result === null ? boardNotFound : result.value
    },
    async cast(boardId, voteId, req) {
      const out = await storage.castBallot(boardId, voteId, req)
      switch (out.kind) {
        case 'unknown-vote':
          return voteNotFound
        case 'closed':
          return voteClosed
        case 'refused':
          return refusalOf(out.code, out.message)
        case 'cast': {
          const vote = (await storage.getVote(boardId, voteId))!
          return { ok: true, ballots: myBallots(vote, out.mine) }
        }
      }
    },
    async mine(boardId, voteId, voterId) {
      const vote = await storage.getVote(boardId, voteId)
      if (!vote) return voteNotFound
      const mine = await storage.voterBallots(boardId, voteId, voterId)
      return { ok: true, ballots: myBallots(vote, mine ?? {}) }
    },
  }
}
