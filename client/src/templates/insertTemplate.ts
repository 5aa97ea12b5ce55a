/**
 * Inserts a template on the current page ([W31]): at the viewport centre, slid clear of existing
 * shapes, above every existing shape, as ONE undo step that everyone sees at once (one store change
 * → one Yjs transaction; the binding's capture group is closed before and after).
 */
import { buildTemplateRecords, templateBounds, type Template } from '@overlap/shared'
import { Box, type Editor, type TLRecord, type TLShapeId } from 'tldraw'
import { showInClearArea } from '../board/clearArea'
import type { BoardBinding } from '../board/binding'
import { placeTemplate, type Rect } from './placement'

export function insertTemplate(editor: Editor, binding: BoardBinding | null, template: Template): TLShapeId[] {
  if (editor.getIsReadonly()) return []
  const pageId = editor.getCurrentPageId()
  const existing: Rect[] = []
  for (const id of editor.getSortedChildIdsForParent(pageId)) {
    const b = editor.getShapePageBounds(id)
    if (b) existing.push({ x: b.x, y: b.y, w: b.w, h: b.h })
  }
  const size = templateBounds(template)
  const origin = placeTemplate(size, editor.getViewportPageBounds().center, existing)
  const topIds = editor.getSortedChildIdsForParent(pageId)
  const top = topIds.length ? editor.getShape(topIds[topIds.length - 1]) : undefined
  const records = buildTemplateRecords(template, { origin, pageId, aboveIndex: top?.index ?? null }) as TLRecord[]

  editor.markHistoryStoppingPoint('overlap insert template')
  binding?.stopCapturing()
  editor.run(() => {
    editor.store.put(records)
  })
  binding?.stopCapturing()

  const shapeIds = records.filter((r) => r.typeName === 'shape').map((r) => r.id as TLShapeId)
  editor.selectNone()
  // Frame titles and the how-to note stay clear of the top bar and the facilitator's column.
  showInClearArea(editor, new Box(origin.x, origin.y, size.w, size.h), { animationMs: 300 })
  return shapeIds
}
