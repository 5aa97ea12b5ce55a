/**
 * A board opens with its content in view, as in Miro or FigJam: a template laid out around the
 * origin, or a board someone else filled, would otherwise open on an empty corner or cut in half.
 * Only when the content does not already fit the viewport, never zooming in past 100 %, once per
 * page load (the camera is not part of the shared board).
 */
import type { Editor } from 'tldraw'

const INSET_PX = 64

export function fitContentOnOpen(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return
  if (editor.getViewportPageBounds().contains(bounds)) return
  editor.zoomToBounds(bounds, { targetZoom: 1, inset: INSET_PX, animation: { duration: 0 } })
}
