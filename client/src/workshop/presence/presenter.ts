/**
 * The facilitator's "Present frames": the current page's top-level frames in reading order (the same
 * order as the PDF export) shown one at a time. Each step zooms this camera to the frame and publishes
 * `presenting` plus a summon, so participants follow the camera and read the slide number; ending
 * clears both. The slide list is fixed when the presentation starts; a frame deleted meanwhile is
 * skipped.
 */
import { atom, type Editor, type Signal, type TLShapeId } from 'tldraw'
import { framesInReadingOrder } from '../../export/exportBoard'
import type { OverlapPatch } from './overlapAwareness'
import { showInClearArea } from '../../board/clearArea'

export interface Slide {
  id: TLShapeId
  name: string
}

export interface Presentation {
  summonId: string
  slides: readonly Slide[]
  index: number
}

export interface Presenter {
  readonly $presentation: Signal<Presentation | null>
  /** False when the page has no frame to present. */
  start(): boolean
  next(): void
  previous(): void
  end(): void
}

const ZOOM_ANIMATION_MS = 400
/** Screen pixels kept around a slide, so its edges and title stay visible. */
const SLIDE_INSET_PX = 48
/** tldraw's own zoom to fit goes up to its largest zoom step, 8. */
const MAX_SLIDE_ZOOM = 8

export function createPresenter(opts: { editor: Editor; publish(patch: OverlapPatch): void; newId(): string }): Presenter {
  const { editor } = opts
  const $presentation = atom<Presentation | null>('presentation', null)

  function show(p: Presentation, index: number, direction: 1 | -1) {
    // Step over frames deleted since the start; stay put if none is left that way.
    for (let i = index; i >= 0 && i < p.slides.length; i += direction) {
      const bounds = editor.getShapePageBounds(p.slides[i].id)
      if (!bounds) continue
      $presentation.set({ ...p, index: i })
      // As large as the clear area allows (a small frame is enlarged, as tldraw's zoom to fit does),
      // centred: followers are placed around this viewport's centre.
      showInClearArea(editor, bounds, { animationMs: ZOOM_ANIMATION_MS, padding: SLIDE_INSET_PX, maxZoom: MAX_SLIDE_ZOOM, centred: true })
      opts.publish({ summon: { id: p.summonId }, presenting: { frameId: p.slides[i].id, index: i, total: p.slides.length } })
      return
    }
  }

  return {
    $presentation,
    start() {
      const slides = framesInReadingOrder(editor)
      if (slides.length === 0) return false
      const p: Presentation = { summonId: opts.newId(), slides, index: 0 }
      // A facilitator who follows someone would be dragged off the slides.
      if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
      show(p, 0, 1)
      return $presentation.get() !== null
    },
    next() {
      const p = $presentation.get()
      if (p) show(p, p.index + 1, 1)
    },
    previous() {
      const p = $presentation.get()
      if (p) show(p, p.index - 1, -1)
    },
    end() {
      if (!$presentation.get()) return
      $presentation.set(null)
      opts.publish({ summon: null, presenting: null })
    },
  }
}
