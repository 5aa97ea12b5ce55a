import { useEffect, useRef } from 'react'
import { useEditor, useToasts, useValue } from 'tldraw'
import { CloseCode } from '@overlap/shared'
import { useBoardUi } from './BoardUiContext'

/**
 * Conditions the user must know about, shown under the top of the canvas: a board written by a
 * newer version (editing would corrupt it, so the editor is read-only), a page at the shape limit
 * (trap 10: tldraw refuses further shapes silently), and a connection the server ended for good.
 * (A server restart shows in the always-visible sync state.)
 */
export function BoardBanners() {
  const { state, maxShapesPerPage, discardLocalChanges } = useBoardUi()
  const editor = useEditor()
  const { addToast } = useToasts()
  const shapes = useValue('shape count', () => editor.getCurrentPageShapeIds().size, [editor])
  const atLimit = shapes >= maxShapesPerPage

  // Toast once each time the limit is reached (not on every render while at it).
  const wasAtLimit = useRef(false)
  useEffect(() => {
    if (atLimit && !wasAtLimit.current) {
      addToast({
        severity: 'warning',
        title: 'Shape limit reached',
        description: `A page holds at most ${maxShapesPerPage.toLocaleString()} shapes. Add a new page to keep drawing.`,
      })
    }
    wasAtLimit.current = atLimit
  }, [atLimit, addToast, maxShapesPerPage])

  return (
    <div className="ov-banners">
      {state.readonlyReason === 'newer-schema' && (
        <div className="ov-banner ov-banner-warning" role="alert" data-testid="readonly-banner">
          This board was saved by a newer version of Overlap — reload to update.
          <button type="button" className="ov-button ov-button-small" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      )}
      {atLimit && (
        <div className="ov-banner ov-banner-warning" role="status" data-testid="shape-limit-banner">
          This page has reached the limit of {maxShapesPerPage.toLocaleString()} shapes.
        </div>
      )}
      {state.fatalClose?.code === CloseCode.MessageTooLarge ? (
        // The same change would be sent again on every reconnect: keeping it means never saving again.
        <div className="ov-banner ov-banner-error" role="alert" data-testid="too-large-banner">
          Disconnected: one of your changes is larger than the server accepts, so nothing more can be saved. It is kept on
          this device until you discard it.
          <button type="button" className="ov-button ov-button-small" data-testid="discard-local" onClick={discardLocalChanges}>
            Discard my unsaved changes and reload
          </button>
        </div>
      ) : (
        state.fatalClose && (
          <div className="ov-banner ov-banner-error" role="alert">
            Disconnected: {state.fatalClose.reason || `code ${state.fatalClose.code}`}. Your changes are kept on this device.
          </div>
        )
      )}
    </div>
  )
}
