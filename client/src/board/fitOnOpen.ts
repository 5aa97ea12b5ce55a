/**
 * A board opens with its content in view, as in Miro or FigJam: a template laid out around the
 * origin, an imported file, or a board someone else filled, would otherwise open on an empty corner,
 * cut in half, or under the board's own chrome (the top bar, the facilitator's column on the left,
 * tldraw's style panel on the right, the toolbar at the bottom). Nothing moves when the content is
 * already clear of all that; otherwise it is centred in the clear area, never zoomed in past 100 %.
 * Once per page load (the camera is not part of the shared board).
 */
import type { Editor } from 'tldraw'

/** Screen pixels the board's chrome covers along each edge of the canvas. */
export interface ChromeInsets {
  top: number
  right: number
  bottom: number
  left: number
  /** `top` on a canvas narrower than NARROW_PX, where the top bar wraps onto one more row. */
  narrowTop?: number
}

/**
 * Measured on the board page at 1280 × 800: top bar with the workshop row, style panel, toolbar. At
 * 1024 × 700 and 800 × 600 the top bar takes three rows (its People/React group wraps): 150 px.
 */
export const BOARD_CHROME: ChromeInsets = { top: 100, right: 170, bottom: 72, left: 16, narrowTop: 150 }
/** Below this canvas width the top bar has wrapped (it needs about 1,140 px on one row). */
const NARROW_PX = 1200
/** The facilitator's "Facilitate" column is about 210 px wide. */
export const FACILITATOR_CHROME: ChromeInsets = { ...BOARD_CHROME, left: 226 }

/** Breathing room around the content inside the clear area. */
const PADDING_PX = 24
/** Below this clear width or height (a phone), the chrome is ignored and the whole canvas is used. */
const MIN_CLEAR_PX = 240

export function fitContentOnOpen(editor: Editor, chrome: ChromeInsets = BOARD_CHROME): void {
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return
  const screen = editor.getViewportScreenBounds()
  let insets: ChromeInsets = screen.w < NARROW_PX && chrome.narrowTop !== undefined ? { ...chrome, top: chrome.narrowTop } : chrome
  if (screen.w - insets.left - insets.right < MIN_CLEAR_PX || screen.h - insets.top - insets.bottom < MIN_CLEAR_PX) {
    insets = { top: 0, right: 0, bottom: 0, left: 0 }
  }
  const clear = {
    x: insets.left + PADDING_PX,
    y: insets.top + PADDING_PX,
    w: screen.w - insets.left - insets.right - 2 * PADDING_PX,
    h: screen.h - insets.top - insets.bottom - 2 * PADDING_PX,
  }
  if (clear.w <= 0 || clear.h <= 0) return // the canvas has no size yet
  const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
  const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
  const inView =
    topLeft.x >= clear.x && topLeft.y >= clear.y && bottomRight.x <= clear.x + clear.w && bottomRight.y <= clear.y + clear.h
  if (inView) return
  const z = Math.min(1, clear.w / Math.max(bounds.w, 1), clear.h / Math.max(bounds.h, 1))
  // tldraw's camera: viewport point = (page point + camera) × zoom. Centre the content in the clear area.
  const centreX = clear.x + clear.w / 2
  const centreY = clear.y + clear.h / 2
  editor.setCamera({ x: centreX / z - bounds.center.x, y: centreY / z - bounds.center.y, z }, { immediate: true })
}
