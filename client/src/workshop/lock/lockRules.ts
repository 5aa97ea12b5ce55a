/**
 * The facilitator lock's decisions ([WS9]), pure so they can be tested without an editor. A shape is
 * locked when its `meta.overlapLocked === true` (shared/src/workshop/state.ts `LOCK_META_KEY`).
 *
 * Who is bound: only changes THIS user makes (store source 'user') when they are not the facilitator.
 * Changes arriving from the doc (source 'remote': other people, and our own Y.UndoManager, see
 * shared/src/binding/bindStoreToDoc.ts) are never refused: refusing them would make this store
 * disagree with the doc for good.
 */
import { LOCK_META_KEY } from '@overlap/shared'

export type ChangeSource = 'user' | 'remote'

export function isLockedMeta(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>)[LOCK_META_KEY] === true
}

export interface LockActor {
  source: ChangeSource
  isFacilitator: boolean
}

/** Whether the lock binds this change at all. */
export function lockApplies({ source, isFacilitator }: LockActor): boolean {
  return source === 'user' && !isFacilitator
}

/**
 * A change to one shape record: refused when the shape is locked (any field: position, size,
 * rotation, props, parent, index, meta), and when someone else than the facilitator tries to lock it.
 */
export function refuseChange(actor: LockActor, prevMeta: unknown, nextMeta: unknown): boolean {
  if (!lockApplies(actor)) return false
  return isLockedMeta(prevMeta) || isLockedMeta(nextMeta)
}

/**
 * A shape someone else than the facilitator creates is never locked, even as a copy of a locked one
 * (paste, duplicate): they could not move or delete their own copy.
 */
export function unlockOnCreate(actor: LockActor, meta: unknown): boolean {
  return lockApplies(actor) && isLockedMeta(meta)
}

/** The shape tree as the deletion rule needs it. */
export interface LockTree {
  isLocked(id: string): boolean
  parentOf(id: string): string | null
  childrenOf(id: string): readonly string[]
}

function hasLockedInSubtree(tree: LockTree, id: string): boolean {
  if (tree.isLocked(id)) return true
  return tree.childrenOf(id).some((child) => hasLockedInSubtree(tree, child))
}

/**
 * Deleting a shape deletes its descendants in the same batch (`editor.deleteShapes`). A shape is
 * kept when it, or any shape it is deleted along with (itself or an ancestor in `batch`), is locked
 * or holds a locked shape: deleting a locked frame must not empty it of its cards, and deleting an
 * unlocked frame must not orphan a locked label inside it. Deleting a card that merely sits in a
 * locked frame (the frame is not in the batch) is allowed.
 */
export function refuseDeletion(actor: LockActor, tree: LockTree, id: string, batch: ReadonlySet<string>): boolean {
  if (!lockApplies(actor)) return false
  for (let cur: string | null = id; cur !== null; cur = tree.parentOf(cur)) {
    if (cur !== id && !batch.has(cur)) break
    if (hasLockedInSubtree(tree, cur)) return true
  }
  return false
}
