/**
 * Where the board can be seen: the canvas minus the chrome over it (the top bar and its banners,
 * the facilitator's "Facilitate" column, the share chip, tldraw's style panel, menu, toolbar and zoom
 * menu, and the Lens or History panel when open). Anything the app brings into view on purpose — the
 * board as it opens, a template just inserted, a card picked in the Lens or in vote results, a
 * presented frame — is fitted into that clear area, as in Miro or FigJam, not into the whole canvas
 * where frame titles land under the top bar and cards under the style panel.
 */
import type { Box, Editor } from 'tldraw'

/** Screen pixels the chrome covers along each edge of the canvas. */
export interface ChromeInsets {
  top: number
  right: number
  bottom: number
  left: number
  /** `top` on a canvas narrower than NARROW_PX, where the top bar wraps onto one more row. */
  narrowTop?: number
}

/**
 * Before the UI is laid out (the board opening, in tldraw's onMount): the chrome measured at
 * 1280 × 800 with the workshop row, style panel and toolbar. At 1024 × 700 and 800 × 600 the top bar
 * takes three rows (its People/React group wraps): 150 px.
 */
export const BOARD_CHROME: ChromeInsets = { top: 100, right: 170, bottom: 72, left: 16, narrowTop: 150 }
/** Below this canvas width the top bar has wrapped (it needs about 1,140 px on one row). */
const NARROW_PX = 1200
/** The facilitator's "Facilitate" column is about 210 px wide. */
export const FACILITATOR_CHROME: ChromeInsets = { ...BOARD_CHROME, left: 226 }

/** What covers the canvas once the UI is there; each element counts against the edge it is nearest. */
const CHROME_SELECTORS = [
  '.ov-top-panel',
  '.ov-share-panel',
  '.ov-facilitator-bar',
  '.ov-lens',
  '.ov-history-panel',
  '.ov-vote-results',
  '.tlui-menu-zone',
  '.tlui-style-panel__wrapper',
  '.tlui-main-toolbar__inner',
  '.tlui-navigation-panel',
].join(',')

/** Breathing room around the content inside the clear area. */
const PADDING_PX = 24
/** Below this clear width or height (a phone), the chrome is ignored and the whole canvas is used. */
const MIN_CLEAR_PX = 240

const NO_CHROME: ChromeInsets = { top: 0, right: 0, bottom: 0, left: 0 }

/** The chrome as rendered now, or null when none of it is (no DOM, or the UI not mounted yet). */
export function measureChrome(container: HTMLElement | null): ChromeInsets | null {
  if (!container || typeof container.querySelectorAll !== 'function') return null
  const c = container.getBoundingClientRect()
  if (c.width <= 0 || c.height <= 0) return null
  const insets = { ...NO_CHROME }
  let found = false
  for (const el of container.querySelectorAll(CHROME_SELECTORS)) {
    const r = el.getBoundingClientRect()
    if (r.width <= 0 || r.height <= 0) continue
    const gaps = { top: r.top - c.top, left: r.left - c.left, right: c.right - r.right, bottom: c.bottom - r.bottom }
    const edge = (Object.keys(gaps) as (keyof typeof gaps)[]).reduce((a, b) => (gaps[b] < gaps[a] ? b : a))
    const reach = { top: r.bottom - c.top, left: r.right - c.left, right: c.right - r.left, bottom: c.bottom - r.top }[edge]
    insets[edge] = Math.max(insets[edge], reach)
    found = true
  }
  return found ? insets : null
}

interface ClearArea {
  x: number
  y: number
  w: number
  h: number
}

/** The chrome to keep clear of: `given`, else what is rendered now, else the usual one. */
function chromeFor(editor: Editor, screenW: number, given: ChromeInsets | undefined): ChromeInsets {
  const resolve = (c: ChromeInsets) => (screenW < NARROW_PX && c.narrowTop !== undefined ? { ...c, top: c.narrowTop } : c)
  if (given) return resolve(given)
  return measureChrome(editor.getContainer()) ?? resolve(BOARD_CHROME)
}

function clearArea(editor: Editor, given: ChromeInsets | undefined, padding: number, centred: boolean): ClearArea | null {
  const screen = editor.getViewportScreenBounds()
  let insets = chromeFor(editor, screen.w, given)
  if (centred) {
    const x = Math.max(insets.left, insets.right)
    const y = Math.max(insets.top, insets.bottom)
    insets = { top: y, right: x, bottom: y, left: x }
  }
  if (screen.w - insets.left - insets.right < MIN_CLEAR_PX || screen.h - insets.top - insets.bottom < MIN_CLEAR_PX) {
    insets = NO_CHROME
  }
  const area = {
    x: insets.left + padding,
    y: insets.top + padding,
    w: screen.w - insets.left - insets.right - 2 * padding,
    h: screen.h - insets.top - insets.bottom - 2 * padding,
  }
  return area.w > 0 && area.h > 0 ? area : null // null: the canvas has no size yet
}

function inArea(editor: Editor, bounds: Box, area: ClearArea): boolean {
  const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
  const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
  return topLeft.x >= area.x && topLeft.y >= area.y && bottomRight.x <= area.x + area.w && bottomRight.y <= area.y + area.h
}

export interface ShowOptions {
  /** Animation length in ms; 0 or absent: at once. */
  animationMs?: number
  /** Never zoom in past this (default 1: 100 %). */
  maxZoom?: number
  /** Screen pixels kept around the content inside the clear area (default 24). */
  padding?: number
  /** Leave the camera alone when the content is already wholly in the clear area. */
  onlyIfHidden?: boolean
  /**
   * Keep the content centred on the canvas (the clear area shrunk to be symmetric): for a presented
   * frame, which followers see around the presenter's viewport centre, whatever their own chrome.
   */
  centred?: boolean
  /**
   * The chrome to keep clear of, instead of measuring it: while the board opens (tldraw's onMount)
   * the UI is not laid out yet, and what it measures then is wrong.
   */
  chrome?: ChromeInsets
}

/** Centres `bounds` (page coordinates) in the clear area, zoomed to fit it. */
export function showInClearArea(editor: Editor, bounds: Box, opts: ShowOptions = {}): void {
  const area = clearArea(editor, opts.chrome, opts.padding ?? PADDING_PX, opts.centred ?? false)
  if (area === null) return
  if (opts.onlyIfHidden && inArea(editor, bounds, area)) return
  const z = Math.min(opts.maxZoom ?? 1, area.w / Math.max(bounds.w, 1), area.h / Math.max(bounds.h, 1))
  // tldraw's camera: viewport point = (page point + camera) × zoom. Centre the content in the clear area.
  const camera = { x: (area.x + area.w / 2) / z - bounds.center.x, y: (area.y + area.h / 2) / z - bounds.center.y, z }
  if (opts.animationMs) editor.setCamera(camera, { animation: { duration: opts.animationMs } })
  else editor.setCamera(camera, { immediate: true })
}

/**
 * A board opens with its content in view: a template laid out around the origin, an imported file,
 * or a board someone else filled, would otherwise open on an empty corner, cut in half, or under the
 * chrome. Nothing moves when the content is already clear of it. Once per page load (the camera is
 * not part of the shared board), from tldraw's onMount, before the UI is laid out: `chrome` is the
 * one expected for this person's role.
 */
export function fitContentOnOpen(editor: Editor, chrome: ChromeInsets = BOARD_CHROME): void {
  const bounds = editor.getCurrentPageBounds()
  if (bounds) showInClearArea(editor, bounds, { onlyIfHidden: true, chrome })
}
