/**
 * Ballots of an open vote ([WS6]). They are kept by the server (storage), never in the doc, so no
 * client — modified or not — can see others' votes before the end. A participant (edit or
 * facilitator token) adds or removes one vote at a time:
 *
 *   POST /api/boards/:id/votes/:voteId/ballots  { voterKey, name, side, cardId, delta: 1 | -1 }
 *   GET  /api/boards/:id/votes/:voteId/ballots?voterKey=…
 *
 * Both answer `200 MyBallots`. Refusals: 404 unknown vote, 409 vote not open (`vote_closed`),
 * 422 `no_votes_left` / `one_per_card` / `not_in_vote` / `nothing_to_remove`, 400 malformed body.
 * The voter key is a random secret kept in the voter's browser (at least 22 URL-safe characters, 128
 * bits when random); the server stores only a hash of it as the voter id. It is NOT the identity id,
 * which every peer sees in presence: with that, anyone holding an edit link could read or take back
 * another person's votes. Names stay unverified (a link is shared by a group).
 */
import { parseSide, type Side } from '../access.js'
import type { ParseResult } from './actions.js'

export interface BallotRequest {
  voterKey: string
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

const VOTER_KEY = /^[A-Za-z0-9_-]{22,64}$/
const SHAPE_ID = /^shape:[A-Za-z0-9_-]{1,64}$/

export const VOTER_KEY_RULE = 'voterKey must be 22–64 characters of A–Z, a–z, 0–9, - and _'

export function parseVoterKey(v: unknown): string | null {
  return typeof v === 'string' && VOTER_KEY.test(v) ? v : null
}

export function parseBallotRequest(input: unknown): ParseResult<BallotRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'body must be a JSON object' }
  const o = input as Record<string, unknown>
  const voterKey = parseVoterKey(o.voterKey)
  if (!voterKey) return { ok: false, error: VOTER_KEY_RULE }
  if (typeof o.cardId !== 'string' || !SHAPE_ID.test(o.cardId)) return { ok: false, error: 'cardId must be a shape id' }
  if (o.delta !== 1 && o.delta !== -1) return { ok: false, error: 'delta must be 1 or -1' }
  const name = typeof o.name === 'string' ? o.name.trim().slice(0, 80) : ''
  return { ok: true, value: { voterKey, name: name || 'Anonymous', side: parseSide(o.side), cardId: o.cardId, delta: o.delta } }
}
