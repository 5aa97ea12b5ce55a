/**
 * The facilitator's workshop buttons, a column on the left edge of the board (the top panel is one
 * row for everyone; seven more buttons there would cover the board): summon and presenting
 * ([WS12]/[WS13]), private mode ([WS8]) and the lock ([WS9]). The timer and the vote stay in the top
 * panel, where everyone sees them. Nothing for participants and viewers (the server refuses their
 * workshop actions anyway, [WS2]). Its title folds it away (folded from the start on a narrow screen).
 */
import { useState } from 'react'
import { LockControls } from './lock/LockControls'
import { FacilitatorControls } from './presence/FacilitatorControls'
import { useWorkshopPresence } from './presence/WorkshopPresenceContext'
import { PrivateModeButton } from './private/PrivateModeButton'
import { useWorkshop } from './WorkshopContext'

/** Same width as the narrow layout in styles.css: there the column starts folded, it covers too much. */
const NARROW = '(max-width: 640px)'

export function FacilitatorBar() {
  const { isFacilitator } = useWorkshop()
  const presence = useWorkshopPresence()
  const [open, setOpen] = useState(() => !(window.matchMedia?.(NARROW).matches ?? false))
  if (!isFacilitator) return null
  return (
    <div className="ov-webbar ov-facilitator-bar" data-testid="facilitator-bar" aria-label="Facilitate">
      <button
        type="button"
        className="ov-facilitator-title"
        aria-expanded={open}
        data-testid="facilitator-toggle"
        title={open ? 'Fold the facilitator’s buttons' : 'Show the facilitator’s buttons'}
        onClick={() => setOpen(!open)}
      >
        Facilitate {open ? '▾' : '▸'}
      </button>
      {open && (
        <>
          {presence && <FacilitatorControls presence={presence} />}
          <PrivateModeButton />
          <LockControls />
        </>
      )}
    </div>
  )
}
