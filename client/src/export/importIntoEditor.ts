/**
 * Imports a `.tldr` file into the board that is open, as one undoable change everyone sees: the file is
 * parsed and migrated with the same code the server uses (`parseTldrawFile`), its shapes get fresh ids
 * and land, selected, to the right of what the page holds (tldraw's paste path), so nothing already on
 * the board is overwritten or regrouped. Images the file carries inline (tldraw.com embeds them as data: URLs) are uploaded to
 * the board first: the shared doc holds only URLs. A file's other pages become new pages of the board.
 * Content that would not fit (importLimits.ts) is refused before anything is uploaded or pasted.
 */
import { parseTldrawFile } from '@overlap/shared'
import { PageRecordType, type Editor, type TLAsset, type TLBinding, type TLContent, type TLPage, type TLRecord, type TLShape, type TLShapeId } from 'tldraw'
import { importProblem } from './importLimits'
import { showInClearArea } from '../board/clearArea'

/** Page units: beyond anything on the page, for the paste itself. */
const FAR_AWAY = 100_000
/** Between the page's content and the imported content. */
const GAP = 200

export async function importIntoEditor(editor: Editor, fileText: string, maxMessageBytes: number): Promise<{ shapes: number; pages: number }> {
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
  const assets = await Promise.all(
    records.filter((r): r is TLAsset => r.typeName === 'asset').map((asset) => uploadInlineImage(editor, asset))
  )
  const bindings = records.filter((r): r is TLBinding => r.typeName === 'binding')
  const content = (group: TLShape[]): TLContent => {
    const ids = new Set<string>(group.map((s) => s.id))
    return {
      shapes: group,
      // An arrow and what it is bound to share a page.
      bindings: bindings.filter((b) => ids.has(b.fromId)),
      // All of them each time: tldraw skips an asset the store already has.
      assets,
      rootShapeIds: group.filter((s) => !ids.has(s.parentId)).map((s) => s.id as TLShapeId),
      schema: editor.store.schema.serialize(),
    }
  }
  const [first, ...others] = shapesByPage(records, shapes)
  editor.markHistoryStoppingPoint('overlap import tldr')
  // The file's other pages become new pages of this board, their shapes where the file had them.
  const here = editor.getCurrentPageId()
  const taken = new Set(editor.getPages().map((p) => p.name))
  for (const page of others) {
    const id = PageRecordType.createId()
    editor.createPage({ id, name: freeName(page.name, taken) })
    editor.setCurrentPage(id)
    editor.putContentOntoCurrentPage(content(page.shapes), { select: false, preservePosition: true })
  }
  if (others.length > 0) editor.setCurrentPage(here)
  // Beside what the page holds, never on it: pasted at a point, tldraw puts the content into the
  // frame under that point, and then every root shape whose centre lands in a frame into that frame
  // (a template's zones swallowed an imported frame). So: pasted far away on empty canvas, nothing
  // selected (else the selection's parent takes it), then moved to the right of the page's content.
  const existing = editor.getCurrentPageBounds()
  editor.selectNone()
  const away = existing ? { x: existing.maxX + FAR_AWAY, y: existing.minY + FAR_AWAY } : editor.getViewportPageBounds().center
  editor.putContentOntoCurrentPage(content(first!.shapes), { select: true, point: away })
  const placed = editor.getSelectionPageBounds()
  if (existing && placed) {
    editor.nudgeShapes(editor.getSelectedShapeIds(), { x: existing.maxX + GAP - placed.minX, y: existing.minY - placed.minY })
  }
  editor.markHistoryStoppingPoint('overlap imported tldr')
  const imported = editor.getSelectionPageBounds()
  if (imported) showInClearArea(editor, imported, { animationMs: 200 })
  return { shapes: shapes.length, pages: others.length }
}

/**
 * The file's shapes per page, in the file's page order, pages without shapes left out: the first
 * goes onto the open page, each other one onto a new page (it was all pasted onto the open page,
 * the second page's shapes on top of the first's).
 */
function shapesByPage(records: readonly TLRecord[], shapes: readonly TLShape[]): Array<{ name: string; shapes: TLShape[] }> {
  const byId = new Map(shapes.map((s) => [s.id as string, s]))
  // Parent cycles were refused by parseTldrawFile, so this walk ends.
  const pageOf = (s: TLShape): string => {
    let parent: string = s.parentId
    for (let p = byId.get(parent); p; p = byId.get(parent)) parent = p.parentId
    return parent
  }
  const groups = new Map<string, TLShape[]>()
  for (const s of shapes) {
    const page = pageOf(s)
    groups.set(page, [...(groups.get(page) ?? []), s])
  }
  const pages = records.filter((r): r is TLPage => r.typeName === 'page').sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  const order = [...pages.map((p) => p.id as string), ...groups.keys()]
  const names = new Map(pages.map((p) => [p.id as string, p.name]))
  return [...new Set(order)].filter((id) => groups.has(id)).map((id) => ({ name: names.get(id) ?? 'Imported page', shapes: groups.get(id)! }))
}

/** `name`, or `name (2)`, `name (3)`… whichever this board does not have yet; then it has it. */
function freeName(name: string, taken: Set<string>): string {
  let free = name
  for (let n = 2; taken.has(free); n++) free = `${name} (${n})`
  taken.add(free)
  return free
}

async function uploadInlineImage(editor: Editor, asset: TLAsset): Promise<TLAsset> {
  const src = (asset.props as { src?: string | null }).src
  if (!src || !src.startsWith('data:')) return asset
  const blob = await (await fetch(src)).blob()
  const name = (asset.props as { name?: string }).name || 'image'
  const { src: url } = await editor.uploadAsset(asset, new File([blob], name, { type: blob.type }))
  return { ...asset, props: { ...asset.props, src: url } } as TLAsset
}
