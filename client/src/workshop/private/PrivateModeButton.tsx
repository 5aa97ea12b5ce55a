/**
 * The facilitator's "Private ▾" menu in the top panel ([WS8]): start a private round for the whole
 * board or for the one selected frame (`private.start`). Hidden while a round is on: the banner's
 * "Reveal all" ends it.
 */
import './private.css'
import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { useDismiss } from '../../ui/useDismiss'

export function PrivateModeButton() {
  const editor = useEditor()
  const { state, isFacilitator, api } = useWorkshop()
  const [open, setOpen] = useState(false)
  const menu = useDismiss<HTMLDivElement>(open, () => setOpen(false))
  const [error, setError] = useState<string | null>(null)
  const frameId = useValue(
    'selected frame',
    () => {
      const only = editor.getOnlySelectedShape()
      return only && editor.isShapeFrameLike(only) ? only.id : null
    },
    [editor]
  )
  if (!isFacilitator || state.private.status === 'on') return null

  const start = async (frame: string | null) => {
    setOpen(false)
    setError(null)
    try {
      await api.act({ type: 'private.start', frameId: frame })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <div className="ov-webbar-menu" ref={menu}>
      <button type="button" className="ov-webbar-button" aria-expanded={open} data-testid="private-start" onClick={() => setOpen(!open)}>
        Private ▾
      </button>
      {open && (
        <div className="ov-webbar-popover" role="menu">
          <button type="button" role="menuitem" data-testid="private-start-board" onClick={() => void start(null)}>
            Private mode for the whole board
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="private-start-frame"
            disabled={frameId === null}
            title={frameId === null ? 'Select one frame first' : undefined}
            onClick={() => void start(frameId)}
          >
            Private mode in the selected frame
          </button>
        </div>
      )}
      {error && (
        <span className="ov-private-error" role="alert" data-testid="private-error">
          {error}
        </span>
      )}
    </div>
  )
}
