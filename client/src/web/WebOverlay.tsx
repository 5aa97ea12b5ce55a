/**
 * Everything the web adds in front of the canvas (tldraw's `InFrontOfTheCanvas` slot): the selection
 * inspector, the card picker, the local type filter, and — in portals, clear of tldraw's pointer and
 * wheel handling — the lens panel and the template gallery.
 */
import './web.css'
import { createPortal } from 'react-dom'
import { useValue } from 'tldraw'
import { useBoardUi } from '../board/BoardUiContext'
import { TemplateGallery } from '../templates/TemplateGallery'
import { CardPicker } from './CardPicker'
import { LensPanel } from './LensPanel'
import { SelectionInspector } from './SelectionInspector'
import { TypeFilterStyle } from './TypeFilterStyle'
import { useWebUi } from './webUi'

export function WebOverlay() {
  const ui = useWebUi()
  const { boardId } = useBoardUi()
  const lensOpen = useValue('lens open', () => ui.lensOpen.get(), [ui])
  return (
    <>
      <TypeFilterStyle />
      <SelectionInspector />
      <CardPicker />
      {lensOpen && createPortal(<LensPanel />, document.body)}
      <TemplateGallery boardId={boardId} />
    </>
  )
}
