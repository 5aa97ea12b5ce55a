/**
 * "Export ▾" in the top bar: PNG / SVG of the page, the selection or a frame; PDF (one page per frame,
 * with progress and Cancel); a `.tldr` file; and "Import .tldr…" into a NEW board (the server checks the
 * file; a refused one shows its reason and creates nothing).
 */
import { useRef, useState } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { useBoardUi } from '../board/BoardUiContext'
import { saveBlob } from '../web/briefDownload'
import { exportFileName, exportImage, exportPdf, exportTldr, framesInReadingOrder, type ExportScope, type ImageFormat, type PdfProgress } from './exportBoard'
import { ImportTldrButton } from './ImportTldrButton'
import { useDismiss } from '../ui/useDismiss'
import './export.css'

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function ExportMenu() {
  const editor = useEditor()
  const { boardName } = useBoardUi()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<PdfProgress | null>(null)
  const [frameId, setFrameId] = useState<string>('')
  const abortRef = useRef<AbortController | null>(null)
  const hasSelection = useValue('has selection', () => editor.getSelectedShapeIds().length > 0, [editor])
  const frames = useValue('frames', () => (open ? framesInReadingOrder(editor) : []), [editor, open])
  const chosenFrame = frames.find((f) => f.id === frameId) ?? frames[0]

  const image = async (scope: ExportScope, format: ImageFormat, suffix: string) => {
    setError(null)
    try {
      saveBlob(await exportImage(editor, scope, format), exportFileName(boardName, suffix, format))
      setOpen(false)
    } catch (err) {
      setError(`Export failed: ${messageOf(err)}`)
    }
  }

  const pdf = async () => {
    setError(null)
    const controller = new AbortController()
    abortRef.current = controller
    try {
      const blob = await exportPdf(editor, setProgress, controller.signal)
      saveBlob(blob, exportFileName(boardName, '', 'pdf'))
      setOpen(false)
    } catch (err) {
      if (!controller.signal.aborted) setError(`PDF export failed: ${messageOf(err)}`)
    } finally {
      abortRef.current = null
      setProgress(null)
    }
  }

  const tldr = async () => {
    setError(null)
    try {
      saveBlob(await exportTldr(editor), exportFileName(boardName, '', 'tldr'))
      setOpen(false)
    } catch (err) {
      setError(`Export failed: ${messageOf(err)}`)
    }
  }

  const busy = progress !== null
  // While a PDF is being made the menu stays: it shows the progress and the Cancel button.
  const menu = useDismiss<HTMLDivElement>(open && !busy, () => setOpen(false))
  return (
    <div className="ov-webbar-menu" ref={menu}>
      <button type="button" className="ov-webbar-button" aria-expanded={open} data-testid="export-button" onClick={() => setOpen(!open)}>
        Export ▾
      </button>
      {(open || busy) && (
        <div className="ov-webbar-popover ov-export-menu" role="menu" data-testid="export-menu">
          <div className="ov-export-row">
            <span>Whole board</span>
            <button type="button" role="menuitem" disabled={busy} data-testid="export-png-page" onClick={() => void image({ kind: 'page' }, 'png', '')}>
              PNG
            </button>
            <button type="button" role="menuitem" disabled={busy} data-testid="export-svg-page" onClick={() => void image({ kind: 'page' }, 'svg', '')}>
              SVG
            </button>
          </div>
          <div className="ov-export-row">
            <span>Selection</span>
            <button type="button" role="menuitem" disabled={busy || !hasSelection} data-testid="export-png-selection" onClick={() => void image({ kind: 'selection' }, 'png', 'selection')}>
              PNG
            </button>
            <button type="button" role="menuitem" disabled={busy || !hasSelection} data-testid="export-svg-selection" onClick={() => void image({ kind: 'selection' }, 'svg', 'selection')}>
              SVG
            </button>
          </div>
          {chosenFrame && (
            <div className="ov-export-row">
              <select data-testid="export-frame-select" value={chosenFrame.id} onChange={(e) => setFrameId(e.target.value)} aria-label="Frame to export">
                {frames.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
              <button type="button" role="menuitem" disabled={busy} data-testid="export-png-frame" onClick={() => void image({ kind: 'frame', frameId: chosenFrame.id as TLShapeId }, 'png', chosenFrame.name)}>
                PNG
              </button>
              <button type="button" role="menuitem" disabled={busy} data-testid="export-svg-frame" onClick={() => void image({ kind: 'frame', frameId: chosenFrame.id as TLShapeId }, 'svg', chosenFrame.name)}>
                SVG
              </button>
            </div>
          )}
          <button type="button" role="menuitem" disabled={busy} data-testid="export-pdf" onClick={() => void pdf()}>
            PDF ({frames.length > 0 ? `${frames.length} page${frames.length === 1 ? '' : 's'}, one per frame` : 'whole board on one page'})
          </button>
          {progress && (
            <div className="ov-export-progress" data-testid="export-progress" data-done={progress.done} data-total={progress.total}>
              <progress max={progress.total} value={progress.done} />
              <span>
                Page {Math.min(progress.done + 1, progress.total)} of {progress.total}
              </span>
              <button type="button" data-testid="export-cancel" onClick={() => abortRef.current?.abort()}>
                Cancel
              </button>
            </div>
          )}
          <button type="button" role="menuitem" disabled={busy} data-testid="export-tldr" onClick={() => void tldr()}>
            tldraw file (.tldr)
          </button>
          <hr />
          <ImportTldrButton onDone={() => setOpen(false)} />
          {error && (
            <p className="ov-export-error" role="alert" data-testid="export-error">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
