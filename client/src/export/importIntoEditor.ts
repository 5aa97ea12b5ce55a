/**
 * Imports a `.tldr` file into the board that is open, as one undoable change everyone sees: the file is
 * parsed and migrated with the same code the server uses (`parseTldrawFile`), its shapes get fresh ids
 * and land, selected, to the right of what the page holds (tldraw's paste path), so nothing already on
 * the board is overwritten or regrouped. Images the file carries inline (tldraw.com embeds them as data: URLs) are uploaded to
 * the board first: the shared doc holds only URLs. Content that would not fit (importLimits.ts) is
 * refused before anything is uploaded or pasted.
 */
import { parseTldrawFile } from '@overlap/shared'
import type { Editor, TLAsset, TLContent, TLRecord, TLShape, TLShapeId } from 'tldraw'
import { importProblem } from './importLimits'
import { showInClearArea } from '../board/clearArea'

/** Page units: beyond anything on the page, for the paste itself. */
const FAR_AWAY = 100_000
/** Between the page's content and the imported content. */
const GAP = 200

export async function importIntoEditor(editor: Editor, fileText: string, maxMessageBytes: number): Promise<{ shapes: number }> {
  let json: unknown
  try {
    json = JSON.parse(fileText)
  } catch {
    throw new Error('the file is not JSON (a .tldr file is)')
  }
  const parsed = parseTldrawFile(json, editor.store.schema)
  if (!parsed.ok) throw new Error(parsed.message)
  const records = parsed.records as TLRecord[]
  const shapes = records.filter((r): r is TLShape => r.typeName === 'shape')
  if (shapes.length === 0) throw new Error('the file has no shapes')
  const pasted = records.filter((r) => r.typeName === 'shape' || r.typeName === 'binding' || r.typeName === 'asset')
  const problem = importProblem(pasted, {
    shapesOnPage: editor.getCurrentPageShapeIds().size,
    maxShapesPerPage: editor.options.maxShapesPerPage,
    maxMessageBytes,
  })
  if (problem) throw new Error(problem)
  const ids = new Set<string>(shapes.map((s) => s.id))
  const assets = await Promise.all(
    records.filter((r): r is TLAsset => r.typeName === 'asset').map((asset) => uploadInlineImage(editor, asset))
  )
  const content: TLContent = {
    shapes,
    bindings: records.filter((r) => r.typeName === 'binding') as TLContent['bindings'],
    assets,
    rootShapeIds: shapes.filter((s) => !ids.has(s.parentId)).map((s) => s.id as TLShapeId),
    schema: editor.store.schema.serialize(),
  }
  editor.markHistoryStoppingPoint('overlap import tldr')
  // Beside what the page holds, never on it: pasted at a point, tldraw puts the content into the
  // frame under that point, and then every root shape whose centre lands in a frame into that frame
  // (a template's zones swallowed an imported frame). So: pasted far away on empty canvas, nothing
  // selected (else the selection's parent takes it), then moved to the right of the page's content.
  const existing = editor.getCurrentPageBounds()
  editor.selectNone()
  const away = existing ? { x: existing.maxX + FAR_AWAY, y: existing.minY + FAR_AWAY } : editor.getViewportPageBounds().center
  editor.putContentOntoCurrentPage(content, { select: true, point: away })
  const placed = editor.getSelectionPageBounds()
  if (existing && placed) {
    editor.nudgeShapes(editor.getSelectedShapeIds(), { x: existing.maxX + GAP - placed.minX, y: existing.minY - placed.minY })
  }
  editor.markHistoryStoppingPoint('overlap imported tldr')
  const imported = editor.getSelectionPageBounds()
  if (imported) showInClearArea(editor, imported, { animationMs: 200 })
  return { shapes: shapes.length }
}

async function uploadInlineImage(editor: Editor, asset: TLAsset): Promise<TLAsset> {
  const src = (asset.props as { src?: string | null }).src
  if (!src || !src.startsWith('data:')) return asset
  const blob = await (await fetch(src)).blob()
  const name = (asset.props as { name?: string }).name || 'image'
  const { src: url } = await editor.uploadAsset(asset, new File([blob], name, { type: blob.type }))
  return { ...asset, props: { ...asset.props, src: url } } as TLAsset
}
