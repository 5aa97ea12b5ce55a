/**
 * The banner everyone sees while a private round is on ([WS8]), naming its scope; the facilitator's
 * "Reveal all" ends the round and shows every draft of it to everyone (`private.reveal`).
 */
import './private.css'
import { useState } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'

export const PRIVATE_BANNER_TEXT = 'Private mode: new cards are visible only to their author until the facilitator reveals them'

export function PrivateBanner() {
  const editor = useEditor()
  const { state, isFacilitator, api } = useWorkshop()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const frameId = state.private.status === 'on' ? state.private.frameId : null
  const frameName = useValue(
    'private frame name',
    () => {
      if (!frameId) return null
      const frame = editor.getShape(frameId as TLShapeId)
      if (!frame) return 'a frame that no longer exists'
      const name = 'name' in frame.props && typeof frame.props.name === 'string' ? frame.props.name : ''
      return `frame “${name || 'Frame'}”`
    },
    [editor, frameId]
  )
  if (state.private.status !== 'on') return null

  const reveal = async () => {
    setBusy(true)
    setError(null)
    try {
      await api.act({ type: 'private.reveal' })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="ov-banner ov-banner-private" role="status" data-testid="private-banner" data-frame-id={frameId ?? ''}>
      <span>
        {PRIVATE_BANNER_TEXT}
        {frameName ? ` (in ${frameName}).` : '.'}
      </span>
      {isFacilitator && (
        <button type="button" className="ov-button ov-button-small" data-testid="private-reveal" disabled={busy} onClick={() => void reveal()}>
          Reveal all
        </button>
      )}
      {error && (
        <span className="ov-private-error" role="alert" data-testid="private-error">
          {error}
        </span>
      )}
    </div>
  )
}
