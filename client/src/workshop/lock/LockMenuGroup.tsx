/**
 * The facilitator's lock items in the context menu ([WS9]): "Lock" or "Unlock" for the selection
 * (Unlock when all of it is locked), and "Lock all frames" (a template's structure). Nothing for
 * anyone else (tldraw's own lock is gone for everyone, see lockOverrides.ts).
 */
import { TldrawUiMenuActionItem, TldrawUiMenuGroup, useEditor, useValue } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { allLocked, pageFrameIds } from './lockActions'
import { LockActionId } from './lockOverrides'

export function LockMenuGroup() {
  const editor = useEditor()
  const { isFacilitator } = useWorkshop()
  const state = useValue(
    'lock menu',
    () => {
      const ids = editor.getSelectedShapeIds()
      return { any: ids.length > 0, locked: allLocked(editor, ids), frames: pageFrameIds(editor).length > 0 }
    },
    [editor]
  )
  if (!isFacilitator || (!state.any && !state.frames)) return null
  return (
    <TldrawUiMenuGroup id="overlap-lock">
      {state.any && <TldrawUiMenuActionItem actionId={state.locked ? LockActionId.Unlock : LockActionId.Lock} />}
      {state.frames && <TldrawUiMenuActionItem actionId={LockActionId.LockFrames} />}
    </TldrawUiMenuGroup>
  )
}
