/**
 * The lock's tldraw actions ([WS9]). tldraw's own "Toggle locked" (Shift+L, `isLocked`) is removed
 * for everyone: it binds the facilitator too, any participant could toggle it, and one lock concept
 * is enough. The facilitator gets Lock / Unlock / Lock all frames instead (Shift+L toggles).
 */
import type { TLUiOverrides } from 'tldraw'
import { allLocked, pageFrameIds, setLocked } from './lockActions'

export const LockActionId = {
  Lock: 'overlap-lock',
  Unlock: 'overlap-unlock',
  Toggle: 'overlap-toggle-lock',
  LockFrames: 'overlap-lock-frames',
} as const

export function createLockOverrides(isFacilitator: boolean): TLUiOverrides {
  return {
    actions(editor, actions) {
      delete actions['toggle-lock']
      if (!isFacilitator) return actions
      const selected = () => editor.getSelectedShapeIds()
      actions[LockActionId.Lock] = { id: LockActionId.Lock, label: 'Lock', onSelect: () => void setLocked(editor, selected(), true) }
      actions[LockActionId.Unlock] = { id: LockActionId.Unlock, label: 'Unlock', onSelect: () => void setLocked(editor, selected(), false) }
      actions[LockActionId.Toggle] = {
        id: LockActionId.Toggle,
        label: 'Lock / unlock',
        kbd: 'shift+l',
        onSelect: () => void setLocked(editor, selected(), !allLocked(editor, selected())),
      }
      actions[LockActionId.LockFrames] = {
        id: LockActionId.LockFrames,
        label: 'Lock all frames',
        onSelect: () => void setLocked(editor, pageFrameIds(editor), true),
      }
      return actions
    },
  }
}
