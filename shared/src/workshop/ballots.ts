/**
 * Ballots of an open vote ([WS6]). They are kept by the server (storage), never in the doc, so no
 * client — modified or not — can see others' votes before the end. A participant (edit or
 * facilitator token) adds or removes one vote at a time:
 *
 *   POST /api/boards/:id/votes/:voteId/ballots  { voterId, name, side, cardId, delta: 1 | -1 }
 *   GET  /api/boards/:id/votes/:voteId/ballots?voterId=…
 *
 * Both answer `200 MyBallots`. Refusals: 404 unknown vote, 409 vote not open (`vote_closed`),
 * 422 `no_votes_left` / `one_per_card` / `not_in_vote` / `nothing_to_remove`, 400 malformed body.
 * The voter id is the browser's identity id: unverified, like the name (a link is shared by a group).
 */
import { parseSide, type Side } from '../access.js'
import type { ParseResult } from './actions.js'

export interface BallotRequest {
  voterId: string
  name: string
  side: Side | null
  cardId: string
  delta: 1 | -1
}

export interface MyBallots {
  voteId: string
  /** This voter's votes per card (cards with 0 omitted). */
  mine: Record<string, number>
  /** Votes this voter has left. */
  left: number
}

const VOTER_ID = /^[A-Za-z0-9_-]{1,64}$/
const SHAPE_ID = /^shape:[A-Za-z0-9_-]{1,64}$/

export function parseVoterId(v: unknown): string | null {
  return typeof v === 'string' && VOTER_ID.test(v) ? v : null
}

export function parseBallotRequest(input: unknown): ParseResult<BallotRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'body must be a JSON object' }
  const o = input as Record<string, unknown>
  const voterId = parseVoterId(o.voterId)
  if (!voterId) return { ok: false, error: 'voterId must be 1–64 characters of A–Z, a–z, 0–9, - and _' }
  if (typeof o.cardId !== 'string' || !SHAPE_ID.test(o.cardId)) return { ok: false, error: 'cardId must be a shape id' }
  if (o.delta !== 1 && o.delta !== -1) return { ok: false, error: 'delta must be 1 or -1' }
  const name = typeof o.name === 'string' ? o.name.trim().slice(0, 80) : ''
  return { ok: true, value: { voterId, name: name || 'Anonymous', side: parseSide(o.side), cardId: o.cardId, delta: o.delta } }
}
