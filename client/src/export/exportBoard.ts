/**
 * Board exports, all made in this tab from the editor: PNG/SVG of the page, the selection or one frame
 * (tldraw's `toImage`), a PDF with one page per frame in reading order (or the whole board on one page),
 * and a `.tldr` file that tldraw.com opens.
 */
import { TEMPLATE_INSTANCE_META_KEY } from '@overlap/shared'
import { serializeTldrawJsonBlob, type Editor, type TLShapeId } from 'tldraw'
import { briefFileName } from '../web/briefDownload'
import { withoutHiddenShapes } from '../workshop/private/visibleRecords'
import { groupedReadingOrder } from './frameOrder'

export type ImageFormat = 'png' | 'svg'
export type ExportScope = { kind: 'page' } | { kind: 'selection' } | { kind: 'frame'; frameId: TLShapeId }

export const EXPORT_PADDING = 32
/** PNG resolution for PDF pages: 2× keeps text crisp when the reader zooms in. */
const PDF_PIXEL_RATIO = 2
/** Longest side of a PDF page in points (A3-ish): big frames are scaled down, aspect ratio kept. */
const PDF_MAX_SIDE_PT = 1190

export function exportFileName(boardName: string, suffix: string, ext: string): string {
  return briefFileName(boardName, 'md').replace(/-brief\.md$/, `${suffix ? `-${suffix}` : ''}.${ext}`)
}

/** Top-level frames of the current page in reading order (nested frames print inside their parent). */
export function framesInReadingOrder(editor: Editor): Array<{ id: TLShapeId; name: string }> {
  const frames = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === 'frame' && editor.getShape(s.parentId as TLShapeId) === undefined)
    .flatMap((s) => {
      const b = editor.getShapePageBounds(s.id)
      const name = (s.props as { name?: unknown }).name
      const instance = s.meta[TEMPLATE_INSTANCE_META_KEY]
      const group = typeof instance === 'string' ? instance : s.id
      return b ? [{ id: s.id, name: typeof name === 'string' && name ? name : 'Frame', group, x: b.x, y: b.y, w: b.w, h: b.h }] : []
    })
  return groupedReadingOrder(frames).map(({ id, name }) => ({ id, name }))
}

export function idsFor(editor: Editor, scope: ExportScope): TLShapeId[] {
  if (scope.kind === 'selection') return editor.getSelectedShapeIds()
  if (scope.kind === 'frame') return [scope.frameId]
  return [...editor.getCurrentPageShapeIds()]
}

export async function exportImage(editor: Editor, scope: ExportScope, format: ImageFormat): Promise<Blob> {
  const ids = idsFor(editor, scope)
  if (ids.length === 0) throw new Error(scope.kind === 'selection' ? 'Nothing is selected.' : 'The board is empty.')
  const { blob } = await editor.toImage(ids, { format, background: true, padding: EXPORT_PADDING, pixelRatio: format === 'png' ? 2 : undefined })
  return blob
}

export interface PdfProgress {
  done: number
  total: number
}

/**
 * One page per top-level frame in reading order; the whole board on one page when there are none.
 * Checks `signal` between pages so a long export can be cancelled (throws an AbortError).
 */
export async function exportPdf(editor: Editor, onProgress: (p: PdfProgress) => void, signal: AbortSignal): Promise<Blob> {
  const frames = framesInReadingOrder(editor)
  const pages: TLShapeId[][] = frames.length > 0 ? frames.map((f) => [f.id]) : [[...editor.getCurrentPageShapeIds()]]
  if (pages[0].length === 0) throw new Error('The board is empty.')
  // pdf-lib is ~0.5 MB: loaded on the first PDF export, not with every board page.
  const { PDFDocument } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  onProgress({ done: 0, total: pages.length })
  for (const [i, ids] of pages.entries()) {
    signal.throwIfAborted()
    const { blob, width, height } = await editor.toImage(ids, {
      format: 'png',
      background: true,
      padding: frames.length > 0 ? 0 : EXPORT_PADDING,
      pixelRatio: PDF_PIXEL_RATIO,
    })
    signal.throwIfAborted()
    const png = await pdf.embedPng(new Uint8Array(await blob.arrayBuffer()))
    // width/height are CSS pixels of the export (before pixelRatio): 1 px → 0.75 pt, capped per page.
    const scale = Math.min(0.75, PDF_MAX_SIDE_PT / Math.max(width, height))
    const page = pdf.addPage([width * scale, height * scale])
    page.drawImage(png, { x: 0, y: 0, width: width * scale, height: height * scale })
    onProgress({ done: i + 1, total: pages.length })
  }
  // Plain (not compressed) object streams: every reader copes, and pages stay countable as text.
  const bytes = await pdf.save({ useObjectStreams: false })
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })
}

/**
 * `{ tldrawFileFormatVersion: 1, schema, records }`, assets inlined: what tldraw.com opens. Without
 * the shapes this user's editor hides (others' private drafts, [WS8]).
 */
export async function exportTldr(editor: Editor): Promise<Blob> {
  const blob = await serializeTldrawJsonBlob(editor)
  const file = JSON.parse(await blob.text()) as { records: Array<{ id: string; typeName: string }> }
  file.records = withoutHiddenShapes(editor, file.records)
  return new Blob([JSON.stringify(file)], { type: blob.type })
}
