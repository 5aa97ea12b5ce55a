/**
 * The facilitator's lock items in the context menu ([WS9]): "Lock" or "Unlock" for the selection
 * (Unlock when all of it is locked), and "Lock all frames" (a template's structure). Nothing for
 * anyone else (tldraw's own lock is gone for everyone, see lockOverrides.ts).
 */
import { TldrawUiMenuActionItem, TldrawUiMenuGroup } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { LockActionId } from './lockOverrides'
import { useLockSelection } from './useLockSelection'

export function LockMenuGroup() {
  const { isFacilitator } = useWorkshop()
  const sel = useLockSelection()
  if (!isFacilitator || (sel.ids.length === 0 && sel.frames === 0)) return null
  return (
    <TldrawUiMenuGroup id="overlap-lock">
      {sel.ids.length > 0 && <TldrawUiMenuActionItem actionId={sel.locked ? LockActionId.Unlock : LockActionId.Lock} />}
      {sel.frames > 0 && <TldrawUiMenuActionItem actionId={LockActionId.LockFrames} />}
    </TldrawUiMenuGroup>
  )
}
