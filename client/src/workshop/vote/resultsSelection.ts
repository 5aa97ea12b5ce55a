/**
 * Which ended vote the results show: the one this tab picked from the history, else the board's
 * latest (the current `vote` once ended). The doc may hold the current ended vote in `voteHistory`
 * too (the server moves it there when the next vote starts), so the list is de-duplicated by id.
 */
import type { EndedVote, WorkshopState } from '@overlap/shared'

/** Every ended vote of the board, newest first. */
export function endedVotes(state: Pick<WorkshopState, 'vote' | 'voteHistory'>): EndedVote[] {
  const all = [...(state.vote?.status === 'ended' ? [state.vote] : []), ...state.voteHistory]
  const seen = new Set<string>()
  return all
    .filter((v) => (seen.has(v.id) ? false : (seen.add(v.id), true)))
    .sort((a, b) => b.endedAt - a.endedAt)
}

export function selectResultsVote(state: Pick<WorkshopState, 'vote' | 'voteHistory'>, shownVoteId: string | null): EndedVote | null {
  const all = endedVotes(state)
  if (shownVoteId !== null) {
    const picked = all.find((v) => v.id === shownVoteId)
    if (picked) return picked
  }
  return state.vote?.status === 'ended' ? state.vote : null
}
