/**
 * The web's buttons in tldraw's top panel: Templates (gallery), Lens (side panel), Brief (Markdown or
 * JSON download, built in this tab with the server's own function), History (snapshots panel), Export ▾.
 */
import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useBoardUi } from '../board/BoardUiContext'
import { ExportMenu } from '../export/ExportMenu'
import { HistoryButton } from '../history/HistoryButton'
import { downloadBrief, type BriefFormat } from './briefDownload'
import { useWebUi } from './webUi'
import { useDismiss } from '../ui/useDismiss'
import { useWorkshop } from '../workshop/WorkshopContext'

export function WebBar() {
  const editor = useEditor()
  const ui = useWebUi()
  const { boardName } = useBoardUi()
  const lensOpen = useValue('lens open', () => ui.lensOpen.get(), [ui])
  const filter = useValue('filter', () => ui.filterType.get(), [ui])
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const [briefOpen, setBriefOpen] = useState(false)
  const briefMenu = useDismiss<HTMLDivElement>(briefOpen, () => setBriefOpen(false))
  const { state: workshop } = useWorkshop()

  const download = (format: BriefFormat) => {
    setBriefOpen(false)
    downloadBrief(editor, boardName, format, workshop.voteHistory)
  }

  return (
    <div className="ov-webbar" data-testid="web-bar">
      {!readonly && (
        <button type="button" className="ov-webbar-button" data-testid="templates-button" onClick={() => ui.gallery.set({ open: true, auto: false })}>
          Templates
        </button>
      )}
      <button
        type="button"
        className={`ov-webbar-button${lensOpen ? ' ov-webbar-button-active' : ''}`}
        aria-pressed={lensOpen}
        data-testid="lens-button"
        onClick={() => ui.lensOpen.set(!lensOpen)}
      >
        Lens
      </button>
      {filter && (
        <button type="button" className="ov-webbar-button ov-webbar-button-active" data-testid="filter-clear" title="Show every type" onClick={() => ui.filterType.set(null)}>
          Filter on ×
        </button>
      )}
      <div className="ov-webbar-menu" ref={briefMenu}>
        <button type="button" className="ov-webbar-button" aria-expanded={briefOpen} data-testid="brief-button" onClick={() => setBriefOpen(!briefOpen)}>
          Brief ▾
        </button>
        {briefOpen && (
          <div className="ov-webbar-popover" role="menu">
            <button type="button" role="menuitem" data-testid="brief-download-md" onClick={() => download('md')}>
              Download brief (Markdown)
            </button>
            <button type="button" role="menuitem" data-testid="brief-download-json" onClick={() => download('json')}>
              Download brief (JSON)
            </button>
          </div>
        )}
      </div>
      <HistoryButton />
      <ExportMenu />
    </div>
  )
}
