import type { EndedVote, OpenVote } from '@overlap/shared'
import { useValue } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { selectResultsVote } from './resultsSelection'
import { useVoteUi } from './voteUi'

export interface VoteView {
  open: OpenVote | null
  /** Viewers watch; edit and facilitator roles vote ([WS6]). */
  participant: boolean
  /** Clicks on the vote's cards cast votes (on by default for each new vote). */
  voteMode: boolean
  /** The ended vote the results show, if any. */
  results: EndedVote | null
  /** Counts on the cards: results exist, not hidden here, and no vote is open (it would confuse). */
  countsVisible: boolean
  panelOpen: boolean
}

/** Everything the voting components decide from, in one place. */
export function useVoteView(): VoteView {
  const { state, role } = useWorkshop()
  const ui = useVoteUi()
  const shownVoteId = useValue(ui.shownVoteId)
  const modeOffFor = useValue(ui.voteModeOffFor)
  const hiddenFor = useValue(ui.hiddenResultsFor)
  const closedFor = useValue(ui.panelClosedFor)
  const open = state.vote?.status === 'open' ? state.vote : null
  const participant = role !== 'view'
  const results = selectResultsVote(state, shownVoteId)
  const shown = results !== null && hiddenFor !== results.id
  return {
    open,
    participant,
    voteMode: open !== null && participant && modeOffFor !== open.id,
    results,
    countsVisible: shown && open === null,
    panelOpen: shown && closedFor !== results.id,
  }
}
