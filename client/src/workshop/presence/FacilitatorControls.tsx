/**
 * A facilitator's attention controls: "Bring everyone to me" (summon) / "Stop", and "Present frames"
 * with its slide bar (previous / next, arrow keys; Escape ends).
 */
import { useEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { WorkshopPresence } from './workshopPresence'

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown'])
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp'])

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function FacilitatorControls({ presence }: { presence: WorkshopPresence }) {
  const editor = useEditor()
  const ownSummon = useValue('own summon', () => presence.$ownSummon.get(), [presence])
  const presentation = useValue('presentation', () => presence.presenter.$presentation.get(), [presence])
  // Top-level frames only (what the presenter shows), without measuring them on every change.
  const frameCount = useValue(
    'frame count',
    () => editor.getSortedChildIdsForParent(editor.getCurrentPageId()).filter((id) => editor.getShape(id)?.type === 'frame').length,
    [editor]
  )

  const presenting = presentation !== null
  useEffect(() => {
    if (!presenting) return
    // Capture phase, before tldraw: arrows would otherwise nudge the selection, Escape deselect.
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || editor.getEditingShapeId()) return
      const { presenter } = presence
      if (NEXT_KEYS.has(e.key)) presenter.next()
      else if (PREVIOUS_KEYS.has(e.key)) presenter.previous()
      else if (e.key === 'Escape') presenter.end()
      else return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [presenting, presence, editor])

  if (presentation) {
    const slide = presentation.slides[presentation.index]
    return (
      <div className="ov-presenter-bar" data-testid="presenter-bar">
        <button type="button" className="ov-webbar-button" data-testid="present-previous" disabled={presentation.index === 0} onClick={() => presence.presenter.previous()} title="Previous slide (←)">
          ←
        </button>
        <span className="ov-presenter-status" data-testid="present-status" data-index={presentation.index} data-total={presentation.slides.length}>
          Slide {presentation.index + 1} of {presentation.slides.length} — {slide.name}
        </span>
        <button
          type="button"
          className="ov-webbar-button"
          data-testid="present-next"
          disabled={presentation.index === presentation.slides.length - 1}
          onClick={() => presence.presenter.next()}
          title="Next slide (→)"
        >
          →
        </button>
        <button type="button" className="ov-webbar-button ov-button-stop" data-testid="present-end" onClick={() => presence.presenter.end()} title="End presentation (Esc)">
          End
        </button>
      </div>
    )
  }

  return (
    <>
      {ownSummon ? (
        <span className="ov-summon-active" data-testid="summon-active">
          Everyone follows you
          <button type="button" className="ov-webbar-button ov-button-stop" data-testid="summon-stop" onClick={() => presence.stopSummon()}>
            Stop
          </button>
        </span>
      ) : (
        <button type="button" className="ov-webbar-button" data-testid="summon-start" onClick={() => presence.startSummon()} title="Everyone's view follows yours until they break away">
          Bring everyone to me
        </button>
      )}
      <button
        type="button"
        className="ov-webbar-button"
        data-testid="present-start"
        disabled={frameCount === 0}
        title={frameCount === 0 ? 'Add frames to present them as slides' : `Show the ${frameCount} frames of this page one by one; everyone follows`}
        onClick={() => presence.presenter.start()}
      >
        Present frames
      </button>
    </>
  )
}
