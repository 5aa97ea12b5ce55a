/**
 * Enforces the facilitator lock ([WS9]) in this tab's editor: for a non-facilitator, tldraw store
 * side effects turn every change of theirs to a locked shape into a no-op (the previous record is
 * kept, so nothing reaches the doc) and refuse its deletion; its text cannot be edited; their copies
 * of it (paste, duplicate) are not locked.
 *
 * Why our own meta flag and not tldraw's `isLocked`: tldraw's lock binds everyone (the facilitator
 * too), anyone can toggle it, and a locked frame is no drop target (`getDraggingOverShape` skips
 * locked shapes), so dragging a card into a locked frame would not put it inside. With the meta flag
 * the frame stays a normal frame: participants create cards in it and drag cards into and out of it
 * (that changes the card's `parentId`, never the frame). Locked shapes stay selectable (you can copy
 * them or see the badge); a drag or a Delete simply does nothing, with a toast saying why.
 */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { LOCK_META_KEY } from '@overlap/shared'
import { isLockedMeta, refuseChange, refuseDeletion, unlockOnCreate, type LockTree } from './lockRules'

export interface LockGuardOptions {
  /** Read on every change: the role can only be known once the board is open. */
  isFacilitator: () => boolean
  /** Called when a change was refused (throttle it yourself). */
  onRefused: () => void
}

export function installLockGuard(editor: Editor, { isFacilitator, onRefused }: LockGuardOptions): () => void {
  const tree: LockTree = {
    isLocked: (id) => isLockedMeta(editor.getShape(id as TLShapeId)?.meta),
    parentOf: (id) => {
      const parent = editor.getShape(id as TLShapeId)?.parentId
      return parent && editor.getShape(parent as TLShapeId) ? parent : null
    },
    childrenOf: (id) => editor.getSortedChildIdsForParent(id as TLShapeId),
  }
  // `deleteShapes` announces its whole batch (the shapes and their descendants) just before removing.
  let batch = new Set<string>()
  const offBatch = () => {
    batch = new Set()
  }
  const onDeleted = (ids: TLShapeId[]) => {
    batch = new Set(ids)
  }
  editor.on('deleted-shapes', onDeleted)

  const cleanups = [
    editor.sideEffects.registerBeforeCreateHandler('shape', (shape: TLShape, source) =>
      unlockOnCreate({ source, isFacilitator: isFacilitator() }, shape.meta) ? { ...shape, meta: { ...shape.meta, [LOCK_META_KEY]: false } } : shape
    ),
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev: TLShape, next: TLShape, source) => {
      if (!refuseChange({ source, isFacilitator: isFacilitator() }, prev.meta, next.meta)) return next
      onRefused()
      return prev
    }),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape: TLShape, source) => {
      const inBatch = batch.has(shape.id) ? batch : new Set<string>([shape.id])
      if (!refuseDeletion({ source, isFacilitator: isFacilitator() }, tree, shape.id, inBatch)) return
      onRefused()
      return false
    }),
    editor.sideEffects.registerOperationCompleteHandler(offBatch),
  ]
  // Refused deletions are taken out before tldraw starts deleting: its own before-delete handlers run
  // first (they were registered first) and unbind every arrow from each shape it deletes, so a
  // refusal in ours came too late for the links into a locked frame's cards — they lost their ends.
  const deleteShapes = editor.deleteShapes
  editor.deleteShapes = ((shapes: TLShapeId[] | TLShape[]) => {
    const ids: TLShapeId[] = (shapes as Array<TLShapeId | TLShape>).map((s) => (typeof s === 'string' ? s : s.id))
    const actor = { source: 'user' as const, isFacilitator: isFacilitator() }
    const all = new Set<string>()
    for (const id of ids) {
      all.add(id)
      editor.visitDescendants(id, (child) => void all.add(child))
    }
    // Allowed shapes' descendants are allowed too (a refusal of one refuses its ancestors in the batch).
    const allowed = ids.filter((id) => !refuseDeletion(actor, tree, id, all))
    if (allowed.length < ids.length) onRefused()
    return (deleteShapes as (ids: TLShapeId[]) => Editor).call(editor, allowed)
  }) as Editor['deleteShapes']
  // No text editing of a locked shape: refusing the `editingShapeId` change would leave tldraw's
  // select tool in its editing state without a shape (it throws), so the question "can this shape
  // be edited?" is answered no instead, as tldraw does for its own `isLocked`.
  const canEditShape = editor.canEditShape
  editor.canEditShape = ((shape, info) => {
    if (!canEditShape.call(editor, shape, info)) return false
    const id = typeof shape === 'string' ? shape : shape?.id
    return !refuseChange({ source: 'user', isFacilitator: isFacilitator() }, id ? editor.getShape(id)?.meta : undefined, undefined)
  }) as Editor['canEditShape']
  return () => {
    editor.deleteShapes = deleteShapes
    editor.canEditShape = canEditShape
    editor.off('deleted-shapes', onDeleted)
    for (const c of cleanups) c()
  }
}
