/**
 * The attention features in tldraw's top panel: People (count → panel) and React (emoji picker). A
 * facilitator's summon and presentation controls are in the facilitator column (FacilitatorBar).
 */
import './presence.css'
import { useEffect, useRef, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { PeoplePanel, usePeople } from './PeoplePanel'
import { ReactionPicker } from './ReactionPicker'
import { useWorkshopPresence } from './WorkshopPresenceContext'
import { useDismiss } from '../../ui/useDismiss'

export function PresenceBar() {
  const presence = useWorkshopPresence()
  const editor = useEditor()
  const [open, setOpen] = useState<'people' | 'reactions' | null>(null)
  // A press outside closes the open popover, like any menu.
  const peopleMenu = useDismiss<HTMLDivElement>(open === 'people', () => setOpen(null))
  const reactionMenu = useDismiss<HTMLDivElement>(open === 'reactions', () => setOpen(null))
  const following = useValue('following', () => editor.getInstanceState().followingUserId, [editor])
  // Whom the people panel started following: Escape stops only that (tldraw's own people menu and a
  // summon keep their own ways out).
  const panelFollow = useRef<string | null>(null)

  useEffect(() => {
    if (following === null && open === null) return
    // Escape closes an open popover first, then stops a follow started from the panel.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      if (open !== null) setOpen(null)
      else if (following !== null && following === panelFollow.current) editor.stopFollowingUser()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [following, open, editor])

  if (!presence) return null
  const toggle = (what: 'people' | 'reactions') => setOpen(open === what ? null : what)
  return (
    <div className="ov-webbar ov-presence-bar" data-testid="presence-bar">
      <div className="ov-webbar-menu" ref={peopleMenu}>
        <PeopleButton presence={presence} open={open === 'people'} onClick={() => toggle('people')} />
        {open === 'people' && <PeoplePanel presence={presence} onClose={() => setOpen(null)} onFollow={(id) => (panelFollow.current = id)} />}
      </div>
      <div className="ov-webbar-menu" ref={reactionMenu}>
        <button
          type="button"
          className={`ov-webbar-button${open === 'reactions' ? ' ov-webbar-button-active' : ''}`}
          aria-expanded={open === 'reactions'}
          data-testid="reaction-button"
          title="Send a reaction everyone sees"
          onClick={() => toggle('reactions')}
        >
          React
        </button>
        {open === 'reactions' && <ReactionPicker presence={presence} onPicked={() => setOpen(null)} />}
      </div>
    </div>
  )
}

function PeopleButton({ presence, open, onClick }: { presence: NonNullable<ReturnType<typeof useWorkshopPresence>>; open: boolean; onClick(): void }) {
  // Only the count: statuses (which need a clock) are not shown here.
  const count = usePeople(presence, 0).length
  return (
    <button
      type="button"
      className={`ov-webbar-button${open ? ' ov-webbar-button-active' : ''}`}
      aria-expanded={open}
      data-testid="people-button"
      data-count={count}
      title="People on this board"
      onClick={onClick}
    >
      People <span className="ov-people-count">{count}</span>
    </button>
  )
}
