/**
 * Local (never synced) state of the voting UI, one per open board: the start dialog, vote mode, the
 * results panel, and my ballots. Atoms, so components in different tldraw slots (top panel, in front
 * of the canvas) share them. Vote mode and hidden results are kept per vote id: a new vote starts in
 * vote mode with its results visible, whatever this tab did with the previous one.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { atom, type Atom } from 'tldraw'
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

export function useVoteUi(): VoteUi {
  const ui = useContext(VoteUiContext)
  if (!ui) throw new Error('useVoteUi outside <VoteUiProvider>')
  return ui
}

/** Inside <WorkshopProvider>: reads the workshop and the identity (the voter's name and side). */
export function VoteUiProvider({ children }: { children: ReactNode }) {
  const { api, state } = useWorkshop()
  const { identity } = useIdentity()
  const [voterKey] = useState(() => loadVoterKey())
  // Read at each click: renaming (or picking a side) must not drop the ballots state.
  const voterRef = useRef<Voter>({ voterKey, name: '', side: null })
  voterRef.current = { voterKey, name: identity?.name ?? '', side: identity?.side ?? null }
  const ui = useMemo<VoteUi>(
    () => ({
      startDialogOpen: atom('overlap vote dialog', false),
      voteModeOffFor: atom<string | null>('overlap vote mode off', null),
      hiddenResultsFor: atom<string | null>('overlap vote results hidden', null),
      shownVoteId: atom<string | null>('overlap vote shown', null),
      panelClosedFor: atom<string | null>('overlap vote panel closed', null),
      split: atom('overlap vote split', false),
      ballots: createBallots(api, () => voterRef.current),
    }),
    [api]
  )
  const openVoteId = state.vote?.status === 'open' ? state.vote.id : null
  useEffect(() => {
    void ui.ballots.load(openVoteId)
  }, [ui, openVoteId])
  return <VoteUiContext.Provider value={ui}>{children}</VoteUiContext.Provider>
}
