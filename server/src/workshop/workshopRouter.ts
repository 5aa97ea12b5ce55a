/**
 * Workshop HTTP routes (behind the board access gate, which checks the role first):
 * - `POST /api/boards/:id/workshop` (facilitator) — one `WorkshopAction` → `{ workshop }` ([WS3])
 * - `POST /api/boards/:id/votes/:voteId/ballots` (edit, facilitator) — one `BallotRequest` → `MyBallots`
 * - `GET  /api/boards/:id/votes/:voteId/ballots?voterKey=` (edit, facilitator) → `MyBallots` ([WS6])
 * The voter key never reaches storage: ballots are kept under its hash (`voterIdOf`).
 */
import express, { Router, type Request, type Response } from 'express'
import { VOTER_KEY_RULE, parseBallotRequest, parseBoardId, parseVoterKey, parseWorkshopAction, type BoardId } from '@overlap/shared'
import { sendError } from '../http/errors.js'
import { voterIdOf } from './voterId.js'
import type { WorkshopRefusal, WorkshopService } from './workshopService.js'

const VOTE_ID = /^[A-Za-z0-9_-]{1,64}$/

export function workshopRouter({ workshop }: { workshop: WorkshopService }): Router {
  const router = Router()
  const json = express.json({ limit: '64kb' })

  /** The gate already refused bad ids; parsed again for the type. */
  const boardOf = (req: Request, res: Response): BoardId | null => {
    const id = parseBoardId(req.params.id)
    if (id === null) sendError(res, 400, 'invalid_board_id', 'a board id is 22 characters of A–Z, a–z, 0–9, - and _')
    return id
  }
  const voteOf = (req: Request, res: Response): string | null => {
    const v = String(req.params.voteId)
    if (VOTE_ID.test(v)) return v
    sendError(res, 404, 'vote_not_found', 'no vote with this id on this board')
    return null
  }
  const refuse = (res: Response, r: WorkshopRefusal) => sendError(res, r.status, r.code, r.message)

  router.post('/api/boards/:id/workshop', json, async (req, res) => {
    const id = boardOf(req, res)
    if (id === null) return
    const action = parseWorkshopAction(req.body)
    if (!action.ok) return void sendError(res, 400, 'invalid_action', action.error)
    const result = await workshop.apply(id, action.value)
    if (!result.ok) return void refuse(res, result)
    res.setHeader('Cache-Control', 'no-store')
    res.json({ workshop: result.workshop })
  })

  router.post('/api/boards/:id/votes/:voteId/ballots', json, async (req, res) => {
    const id = boardOf(req, res)
    if (id === null) return
    const voteId = voteOf(req, res)
    if (voteId === null) return
    const ballot = parseBallotRequest(req.body)
    if (!ballot.ok) return void sendError(res, 400, 'invalid_ballot', ballot.error)
    const { voterKey, ...cast } = ballot.value
    const result = await workshop.cast(id, voteId, { ...cast, voterId: voterIdOf(voterKey) })
    if (!result.ok) return void refuse(res, result)
    res.setHeader('Cache-Control', 'no-store')
    res.json(result.ballots)
  })

  router.get('/api/boards/:id/votes/:voteId/ballots', async (req, res) => {
    const id = boardOf(req, res)
    if (id === null) return
    const voteId = voteOf(req, res)
    if (voteId === null) return
    const voterKey = parseVoterKey(req.query.voterKey)
    if (voterKey === null) return void sendError(res, 400, 'invalid_voter_key', VOTER_KEY_RULE)
    const result = await workshop.mine(id, voteId, voterIdOf(voterKey))
    if (!result.ok) return void refuse(res, result)
    res.setHeader('Cache-Control', 'no-store')
    res.json(result.ballots)
  })

  return router
}
