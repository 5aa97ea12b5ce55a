/**
 * Dot voting in the top panel. The facilitator's "Start vote" (opens the dialog); while a vote is
 * open, the bar everyone sees: its scope, "N votes left" and the vote-mode switch for participants,
 * "End vote" / "Cancel" for the facilitator; once ended, a "Results" button that (re)opens the panel.
 * The dialog and the panel are portalled to the body, clear of tldraw's pointer handling.
 */
import type { WorkshopAction } from '@overlap/shared'
import { createPortal } from 'react-dom'
import { lazy, Suspense, useState } from 'react'
import { useToasts, useValue } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { endedVotes } from './resultsSelection'
import { useVoteView } from './useVoteView'
import { useVoteUi } from './voteUi'
import './vote.css'

// Loaded when first opened: the board's first paint does not wait for them.
const VoteResultsPanel = lazy(() => import('./VoteResultsPanel').then((m) => ({ default: m.VoteResultsPanel })))
const VoteStartDialog = lazy(() => import('./VoteStartDialog').then((m) => ({ default: m.VoteStartDialog })))

export function VoteBar() {
  const { state, api, isFacilitator } = useWorkshop()
  const { addToast } = useToasts()
  const ui = useVoteUi()
  const view = useVoteView()
  const dialogOpen = useValue(ui.startDialogOpen)
  const mine = useValue(ui.ballots.mine)
  const [busy, setBusy] = useState(false)
  const open = view.open
  const pastVotes = endedVotes(state)

  const act = async (action: WorkshopAction) => {
    setBusy(true)
    try {
      await api.act(action)
    } catch (err) {
      addToast({ severity: 'error', title: 'Vote', description: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }
  const showResults = () => {
    ui.hiddenResultsFor.set(null)
    ui.panelClosedFor.set(null)
    if (!view.results && pastVotes[0]) ui.shownVoteId.set(pastVotes[0].id)
  }

  return (
    <>
      {open ? (
        <div className="ov-vote-bar" data-testid="vote-bar" data-vote-id={open.id} onPointerDown={(e) => e.stopPropagation()}>
          <span className="ov-vote-bar-title">
            Voting: <strong data-testid="vote-scope">{open.scopeLabel || 'cards'}</strong>
          </span>
          {view.participant && (
            <>
              <span className="ov-vote-left" data-testid="votes-left" data-left={mine?.voteId === open.id ? mine.left : ''}>
                {mine?.voteId === open.id ? `${mine.left} vote${mine.left === 1 ? '' : 's'} left` : '…'}
              </span>
              <label className="ov-vote-mode" title="On: click a card to vote, Shift-click to take a vote back. Off: edit the board as usual.">
                <input
                  type="checkbox"
                  data-testid="vote-mode-toggle"
                  checked={view.voteMode}
                  onChange={(e) => ui.voteModeOffFor.set(e.target.checked ? null : open.id)}
                />
                Vote mode
              </label>
            </>
          )}
          {!view.participant && <span className="ov-muted">Watching</span>}
          {isFacilitator && (
            <>
              <button type="button" className="ov-button ov-button-small" data-testid="vote-end" disabled={busy} onClick={() => void act({ type: 'vote.end' })}>
                End vote
              </button>
              <button
                type="button"
                className="ov-button ov-button-secondary ov-button-small"
                data-testid="vote-cancel"
                disabled={busy}
                title="Stop without results"
                onClick={() => void act({ type: 'vote.cancel' })}
              >
                Cancel
              </button>
            </>
          )}
        </div>
      ) : (
        // Only with something in it: a participant with the results panel open had an empty pill here.
        (isFacilitator || (pastVotes.length > 0 && !view.panelOpen)) && (
          <div className="ov-vote-bar ov-vote-bar-idle" onPointerDown={(e) => e.stopPropagation()}>
            {isFacilitator && (
              <button type="button" className="ov-webbar-button" data-testid="vote-start-button" onClick={() => ui.startDialogOpen.set(true)}>
                Start vote
              </button>
            )}
            {pastVotes.length > 0 && !view.panelOpen && (
              <button type="button" className="ov-webbar-button" data-testid="vote-results-button" onClick={showResults}>
                Results
              </button>
            )}
          </div>
        )
      )}
      {dialogOpen && isFacilitator && !open && createPortal(<Suspense fallback={null}><VoteStartDialog onClose={() => ui.startDialogOpen.set(false)} /></Suspense>, document.body)}
      {view.panelOpen && view.results && createPortal(<Suspense fallback={null}><VoteResultsPanel vote={view.results} /></Suspense>, document.body)}
    </>
  )
}
