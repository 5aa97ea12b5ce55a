/**
 * tldraw's context menu with the facilitator's lock items on top ([WS9]): "Lock" or "Unlock" for the
 * selection (Unlock when all of it is locked), and "Lock all frames" (a template's structure).
 * Everyone else gets tldraw's menu unchanged (minus tldraw's own lock, see lockOverrides.ts).
 */
import { DefaultContextMenu, DefaultContextMenuContent, TldrawUiMenuActionItem, TldrawUiMenuGroup, useEditor, useValue, type TLUiContextMenuProps } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { allLocked, pageFrameIds } from './lockActions'
import { LockActionId } from './lockOverrides'

function LockMenuGroup() {
  const editor = useEditor()
  const state = useValue(
    'lock menu',
    () => {
      const ids = editor.getSelectedShapeIds()
      return { any: ids.length > 0, locked: allLocked(editor, ids), frames: pageFrameIds(editor).length > 0 }
    },
    [editor]
  )
  if (!state.any && !state.frames) return null
  return (
    <TldrawUiMenuGroup id="overlap-lock">
      {state.any && <TldrawUiMenuActionItem actionId={state.locked ? LockActionId.Unlock : LockActionId.Lock} />}
      {state.frames && <TldrawUiMenuActionItem actionId={LockActionId.LockFrames} />}
    </TldrawUiMenuGroup>
  )
}

export function LockContextMenu(props: TLUiContextMenuProps) {
  const { isFacilitator } = useWorkshop()
  return (
    <DefaultContextMenu {...props}>
      {isFacilitator && <LockMenuGroup />}
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}
