/**
 * The facilitator's workshop buttons, one bar under tldraw's top panel: private mode ([WS8]) and the
 * lock ([WS9]). Nothing for participants and viewers (the server refuses their workshop actions
 * anyway, [WS2]).
 */
import { LockControls } from './lock/LockControls'
import { PrivateModeButton } from './private/PrivateModeButton'
import { useWorkshop } from './WorkshopContext'

export function FacilitatorBar() {
  const { isFacilitator } = useWorkshop()
  if (!isFacilitator) return null
  return (
    <div className="ov-webbar" data-testid="facilitator-bar">
      <PrivateModeButton />
      <LockControls />
    </div>
  )
}
