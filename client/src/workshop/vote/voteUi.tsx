/**
 * Local (never synced) state of the voting UI, one per open board: the start dialog, vote mode, the
 * results panel, and my ballots. Atoms, so components in different tldraw slots (top panel, in front
 * of the canvas) share them. Vote mode and hidden results are kept per vote id: a new vote starts in
 * vote mode with its results visible, whatever this tab did with the previous one. Hidden results
 * and a closed results panel are also kept in this browser, so a reload does not bring them back.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { atom, react, type Atom } from 'tldraw'
import { browserStorage } from '../../browserStorage'
import { useIdentity } from '../../identity/IdentityContext'
import { loadVoterKey } from '../../identity/voterKey'
import { useWorkshop } from '../WorkshopContext'
import { createBallots, type Ballots, type Voter } from './ballots'

export interface VoteUi {
  readonly startDialogOpen: Atom<boolean>
  /** The open vote for which this tab switched vote mode off. */
  readonly voteModeOffFor: Atom<string | null>
  /** The ended vote whose counts and panel this tab hid ("Hide results"). */
  readonly hiddenResultsFor: Atom<string | null>
  /** Which ended vote the results panel shows (a past one from the history), null = the latest. */
  readonly shownVoteId: Atom<string | null>
  /** The ended vote whose results panel this tab closed (its counts stay on the cards). */
  readonly panelClosedFor: Atom<string | null>
  readonly split: Atom<boolean>
  readonly ballots: Ballots
}

const VoteUiContext = createContext<VoteUi | null>(null)

const HIDDEN_RESULTS_KEY = 'overlap:vote-results-hidden'
const PANEL_CLOSED_KEY = 'overlap:vote-panel-closed'

/** A vote id atom that starts from this browser's storage; `keep` writes it back on every change. */
function storedVoteId(name: string, key: string): Atom<string | null> {
  return atom<string | null>(name, browserStorage()?.getItem(key) ?? null)
}

function keep(a: Atom<string | null>, key: string): () => void {
  return react(`keep ${a.name}`, () => {
    const value = a.get()
    try {
      if (value === null) browserStorage()?.removeItem(key)
      else browserStorage()?.setItem(key, value)
    } catch {
      // Storage full or refused: the choice lasts for this page only.
    }
  })
}

export function useVoteUi(): VoteUi {
  const ui = useContext(VoteUiContext)
  if (!ui) throw new Error('useVoteUi outside <VoteUiProvider>')
  return ui
}

/** Inside <WorkshopProvider>: reads the workshop and the identity (the voter's name and side). */
export function VoteUiProvider({ children }: { children: ReactNode }) {
  const { api, state, role } = useWorkshop()
  const { identity } = useIdentity()
  const [voterKey] = useState(() => loadVoterKey())
  // Read at each click: renaming (or picking a side) must not drop the ballots state.
  const voterRef = useRef<Voter>({ voterKey, name: '', side: null })
  voterRef.current = { voterKey, name: identity?.name ?? '', side: identity?.side ?? null }
  const ui = useMemo<VoteUi>(
    () => ({
      startDialogOpen: atom('overlap vote dialog', false),
      voteModeOffFor: atom<string | null>('overlap vote mode off', null),
      hiddenResultsFor: storedVoteId('overlap vote results hidden', HIDDEN_RESULTS_KEY),
      shownVoteId: atom<string | null>('overlap vote shown', null),
      panelClosedFor: storedVoteId('overlap vote panel closed', PANEL_CLOSED_KEY),
      split: atom('overlap vote split', false),
      ballots: createBallots(api, () => voterRef.current),
    }),
    [api]
  )
  useEffect(() => {
    const stops = [keep(ui.hiddenResultsFor, HIDDEN_RESULTS_KEY), keep(ui.panelClosedFor, PANEL_CLOSED_KEY)]
    return () => stops.forEach((stop) => stop())
  }, [ui])
  // A viewer has no ballots: asking would only earn a 403 ([WS6]).
  const openVoteId = state.vote?.status === 'open' && role !== 'view' ? state.vote.id : null
  useEffect(() => {
    void ui.ballots.load(openVoteId)
  }, [ui, openVoteId])
  return <VoteUiContext.Provider value={ui}>{children}</VoteUiContext.Provider>
}
