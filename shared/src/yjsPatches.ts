/**
 * A fix for Yjs 13.6.x that every doc of ours needs ([B12]: the fuzz seeds 613 and 778 kept in
 * shared/src/binding/binding.fuzz.test.ts fail without it; yjsPatches.test.ts reproduces it in plain
 * Yjs). Call `installYjsPatches()` before a doc receives updates; it is idempotent.
 *
 * The bug: a peer receives a run of items (one struct, several clocks of one client) whose first part
 * it already holds as a garbage-collected `GC` struct, which happens when peers collected different
 * things (one peer's Y.UndoManager kept a deleted record map, another peer collected its fields and
 * sent them on as `GC`). `Item.integrate` then cuts the run and takes the held `GC` as the new part's
 * left neighbour, and its conflict loop walks `left.right`: a `GC` has no `right`, so it throws
 * "Cannot read properties of undefined (reading 'origin')" in the middle of applying the update, and
 * the doc keeps whatever had been integrated so far.
 *
 * The fix follows Yjs's own rule in `Item.getMissing`: an item whose left neighbour is a `GC` lives in
 * a collected parent and is integrated as a `GC` itself.
 */
import * as Y from 'yjs'

type Integrate = (this: Y.Item, transaction: Y.Transaction, offset: number) => void
type PatchableItem = { integrate: Integrate; overlapPatched?: true }

export function installYjsPatches(): void {
  const proto = Y.Item.prototype as unknown as PatchableItem
  if (proto.overlapPatched) return
  const original = proto.integrate
  proto.integrate = function integrate(this: Y.Item, transaction: Y.Transaction, offset: number) {
    if (offset > 0) {
      const left = Y.getItem(transaction.doc.store, Y.createID(this.id.client, this.id.clock + offset - 1))
      if (left instanceof Y.GC) {
        new Y.GC(Y.createID(this.id.client, this.id.clock + offset), this.length - offset).integrate(transaction, 0)
        return
      }
    }
    original.call(this, transaction, offset)
  }
  proto.overlapPatched = true
}
