/**
 * The facilitator lock in front of the canvas ([WS9]): installs the guard for non-facilitators
 * (lockGuard.ts) and draws a lock icon on every locked shape for everyone. Lives in tldraw's
 * `InFrontOfTheCanvas` slot, which is rendered even in focus mode (the top panel is not), so hiding
 * the UI does not switch the guard off.
 */
import '../workshop-badges.css'
import { useEffect, useRef } from 'react'
import { useEditor, useToasts, type TLShape, type TLShapeId } from 'tldraw'
import { useBoardUi } from '../../board/BoardUiContext'
import { ShapeBadges } from '../ShapeBadges'
import { useWorkshop } from '../WorkshopContext'
import { installLockGuard } from './lockGuard'
import { isLockedMeta } from './lockRules'

/** One toast per burst of refusals (a drag refuses on every pointer move). */
const TOAST_EVERY_MS = 4000

const isLockedShape = (s: TLShape) => isLockedMeta(s.meta)

export const lockIcon = (
  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
    <rect x="2" y="5.5" width="8" height="5.5" rx="1.2" fill="currentColor" />
    <path d="M3.8 5.5V4a2.2 2.2 0 0 1 4.4 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
  </svg>
)

export function LockLayer() {
  const editor = useEditor()
  const { isFacilitator } = useWorkshop()
  const { addToast } = useToasts()
  const facilitatorRef = useRef(isFacilitator)
  facilitatorRef.current = isFacilitator
  const lastToast = useRef(0)

  const { undoGuards } = useBoardUi()

  useEffect(() => {
    const refused = () => {
      const now = Date.now()
      if (now - lastToast.current < TOAST_EVERY_MS) return
      lastToast.current = now
      addToast({ id: 'overlap-locked', severity: 'info', title: 'Locked', description: 'The facilitator locked this. Only they can move, edit or delete it.' })
    }
    const uninstall = installLockGuard(editor, { isFacilitator: () => facilitatorRef.current, onRefused: refused })
    // Undo/redo changes come back from the doc, past the store guard above: refuse (and drop) a
    // step that would change a shape locked now ([B16]), e.g. my move made before the lock.
    const removeUndoGuard = undoGuards.add((ids) => {
      if (facilitatorRef.current) return true
      for (const id of ids) {
        if (isLockedMeta(editor.getShape(id as TLShapeId)?.meta)) {
          addToast({ id: 'overlap-locked', severity: 'info', title: 'Locked', description: 'That step changed a shape the facilitator has locked since, so it was skipped.' })
          return false
        }
      }
      return true
    })
    return () => {
      uninstall()
      removeUndoGuard()
    }
  }, [editor, addToast, undoGuards])

  return (
    <ShapeBadges select={isLockedShape} testId="lock-badge" className="ov-shape-badge ov-lock-badge" title="Locked by the facilitator">
      {lockIcon}
    </ShapeBadges>
  )
}
