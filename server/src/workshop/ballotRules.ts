/**
 * The ballot rules of an open vote ([WS6]), as one pure decision every storage backend runs INSIDE
 * its transaction: read the vote and this voter's ballots, decide, write — so two concurrent
 * requests of one voter can never both spend the last vote.
 */
import type { BallotRequest, MyBallots, VoteConfig } from '@overlap/shared'

/** Refusal codes of `POST …/ballots` (HTTP 422), in the contract's words (ballots.ts). */
export type BallotRefusal = 'no_votes_left' | 'one_per_card' | 'not_in_vote' | 'nothing_to_remove'

export interface BallotVote {
  id: string
  cardIds: readonly string[]
  config: VoteConfig
}

export type BallotDecision = { ok: true } | { ok: false; code: BallotRefusal; message: string }

/** This voter's votes per card (no zero entries). */
export type VoterBallots = Record<string, number>

export function spent(mine: VoterBallots): number {
  let n = 0
  for (const k in mine) n += mine[k]!
  return n
}

export function decideBallot(vote: BallotVote, mine: VoterBallots, req: Pick<BallotRequest, 'cardId' | 'delta'>): BallotDecision {
  if (!vote.cardIds.includes(req.cardId)) return { ok: false, code: 'not_in_vote', message: 'this card is not part of the vote' }
  const onCard = mine[req.cardId] ?? 0
  if (req.delta === -1) {
    return onCard > 0 ? { ok: true } : { ok: false, code: 'nothing_to_remove', message: 'you have no vote on this card to remove' }
  }
  if (spent(mine) >= vote.config.votesPerPerson) {
    return { ok: false, code: 'no_votes_left', message: `you have used all ${vote.config.votesPerPerson} of your votes` }
  }
  if (vote.config.onePerCard && onCard > 0) return { ok: false, code: 'one_per_card', message: 'one vote per card in this vote' }
  return { ok: true }
}

export function myBallots(vote: BallotVote, mine: VoterBallots): MyBallots {
  const clean: VoterBallots = {}
  for (const [card, n] of Object.entries(mine)) if (n > 0) clean[card] = n
  return { voteId: vote.id, mine: clean, left: Math.max(0, vote.config.votesPerPerson - spent(clean)) }
}
