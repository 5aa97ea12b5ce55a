/**
 * Lets Yjs garbage-collect the intermediate values of one undo step ([B11] in shared/SPEC.md).
 *
 * Y.UndoManager marks every item deleted by a tracked transaction `keep`, so that undo can restore
 * it. During a drag each frame overwrites `xy` and deletes the previous frame's item; all frames land in
 * the same stack item (capture timeout), and all 10,000 intermediate positions would be kept forever
 * (~20 B each in V1 and V2). Undo never restores an item that was inserted inside the same stack item
 * (UndoManager skips `stackItem.insertions` when redoing deletions), so those may go. We clear `keep`
 * right after the UndoManager set it and before the transaction's gc runs; gc then replaces them with
 * deleted placeholders, and consecutive ones merge into a single struct.
 */
import * as Y from 'yjs'

type DeleteSet = Parameters<typeof Y.isDeleted>[0]

export function releaseIntermediateItems(doc: Y.Doc, undoManager: Y.UndoManager): () => void {
  let updated: { insertions: DeleteSet } | null = null
  const onUpdated = (event: { stackItem: { insertions: DeleteSet }; type: 'undo' | 'redo' }) => {
    if (event.type === 'undo') updated = event.stackItem
  }
  // Registered after the UndoManager's own afterTransaction handler, so it runs after it.
  const onAfterTransaction = (transaction: Y.Transaction) => {
    const stackItem = updated
    updated = null
    if (!stackItem) return
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.keep && Y.isDeleted(stackItem.insertions, struct.id)) {
        struct.keep = false
      }
    })
  }
  undoManager.on('stack-item-updated', onUpdated)
  doc.on('afterTransaction', onAfterTransaction)
  return () => {
    undoManager.off('stack-item-updated', onUpdated)
    doc.off('afterTransaction', onAfterTransaction)
  }
}
