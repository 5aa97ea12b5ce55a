/**
 * The facilitator's workshop buttons, a column on the left edge of the board (the top panel is one
 * row for everyone; seven more buttons there would cover the board): summon and presenting
 * ([WS12]/[WS13]), private mode ([WS8]) and the lock ([WS9]). The timer and the vote stay in the top
 * panel, where everyone sees them. Nothing for participants and viewers (the server refuses their
 * workshop actions anyway, [WS2]).
 */
import { LockControls } from './lock/LockControls'
import { FacilitatorControls } from './presence/FacilitatorControls'
import { useWorkshopPresence } from './presence/WorkshopPresenceContext'
import { PrivateModeButton } from './private/PrivateModeButton'
import { useWorkshop } from './WorkshopContext'

export function FacilitatorBar() {
  const { isFacilitator } = useWorkshop()
  const presence = useWorkshopPresence()
  if (!isFacilitator) return null
  return (
    <div className="ov-webbar ov-facilitator-bar" data-testid="facilitator-bar" aria-label="Facilitate">
      <span className="ov-facilitator-title">Facilitate</span>
      {presence && <FacilitatorControls presence={presence} />}
      <PrivateModeButton />
      <LockControls />
    </div>
  )
}
