/**
 * The facilitator's lock writes ([WS9]): `meta.overlapLocked` set to true or false on shapes (a
 * normal doc change through the binding, one undo step per action). False rather than removed:
 * tldraw merges `meta` partials key by key, so a key cannot be removed through `updateShapes`, and
 * only `=== true` counts as locked. Unlocking also clears tldraw's own
 * `isLocked` (a board imported from plain tldraw may carry it, and Overlap's UI has no other way to
 * clear it).
 */
import { LOCK_META_KEY } from '@overlap/shared'
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { isLockedMeta } from './lockRules'

export function setLocked(editor: Editor, ids: readonly TLShapeId[], locked: boolean): number {
  const shapes = ids
    .map((id) => editor.getShape(id))
    .filter((s): s is TLShape => s !== undefined && isLockedMeta(s.meta) !== locked)
  if (shapes.length === 0) return 0
  editor.markHistoryStoppingPoint(locked ? 'overlap lock' : 'overlap unlock')
  editor.updateShapes(
    shapes.map((s) => ({ id: s.id, type: s.type, meta: { [LOCK_META_KEY]: locked }, ...(locked ? {} : { isLocked: false }) }))
  )
  return shapes.length
}

/** Whether every given shape is locked (the menu then offers "Unlock"). */
export function allLocked(editor: Editor, ids: readonly TLShapeId[]): boolean {
  return ids.length > 0 && ids.every((id) => isLockedMeta(editor.getShape(id)?.meta))
}

/** Every frame on the current page: a template's structure (its zones). */
export function pageFrameIds(editor: Editor): TLShapeId[] {
  return editor
    .getCurrentPageShapes()
    .filter((s) => editor.isShapeFrameLike(s))
    .map((s) => s.id)
}
