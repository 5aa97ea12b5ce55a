/**
 * Everything the web adds in front of the canvas (tldraw's `InFrontOfTheCanvas` slot): the selection
 * inspector, the card picker, the local type filter, and — in portals, clear of tldraw's pointer and
 * wheel handling — the lens panel and the template gallery.
 */
import './web.css'
import { lazy, Suspense } from 'react'
import { createPortal } from 'react-dom'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/BoardUiContext'
import { CardPicker } from './CardPicker'
import { SelectionInspector } from './SelectionInspector'
import { TypeFilterStyle } from './TypeFilterStyle'
import { useWebUi } from './webUi'

// Loaded when first opened (the template catalogue and the web analysis are not needed to paint a board).
const TemplateGallery = lazy(() => import('../templates/TemplateGallery').then((m) => ({ default: m.TemplateGallery })))
const LensPanel = lazy(() => import('./LensPanel').then((m) => ({ default: m.LensPanel })))

export function WebOverlay() {
  const ui = useWebUi()
  const { boardId } = useBoardUi()
  const lensOpen = useValue('lens open', () => ui.lensOpen.get(), [ui])
  const galleryOpen = useValue('gallery open', () => ui.gallery.get().open, [ui])
  return (
    <>
      <TypeFilterStyle />
      <SelectionInspector />
      <CardPicker />
      {lensOpen &&
        createPortal(
          <Suspense fallback={null}>
            <LensPanel />
          </Suspense>,
          document.body
        )}
      {galleryOpen && (
        <Suspense fallback={null}>
          <TemplateGallery boardId={boardId} />
        </Suspense>
      )}
    </>
  )
}
