/**
 * The facilitator's lock buttons in the top panel ([WS9]): Lock / Unlock for the selection and
 * "Lock all frames". Nothing for anyone else.
 */
import './lock.css'
import { useEditor } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { pageFrameIds, setLocked } from './lockActions'
import { lockIcon } from './LockLayer'
import { useLockSelection } from './useLockSelection'

export function LockControls() {
  const editor = useEditor()
  const { isFacilitator } = useWorkshop()
  const sel = useLockSelection()
  if (!isFacilitator) return null
  return (
    <div className="ov-lock-controls" data-testid="lock-controls">
      <button
        type="button"
        className="ov-webbar-button"
        data-testid="lock-selection"
        data-locked={sel.locked}
        disabled={sel.ids.length === 0}
        title={sel.ids.length === 0 ? 'Select shapes to lock them' : undefined}
        onClick={() => setLocked(editor, sel.ids, !sel.locked)}
      >
        {lockIcon} {sel.locked ? 'Unlock' : 'Lock'}
      </button>
      <button type="button" className="ov-webbar-button" data-testid="lock-all-frames" disabled={sel.frames === 0} onClick={() => setLocked(editor, pageFrameIds(editor), true)}>
        Lock all frames
      </button>
    </div>
  )
}
