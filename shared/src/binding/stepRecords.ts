/**
 * The records an undo or redo step would change ([B16]), so that a client can refuse a step that
 * touches something it may not change (the facilitator lock, [WS9]) before it is applied.
 *
 * A Y.UndoManager step is two sets of item ids: what it inserted (undo deletes those) and what it
 * deleted (undo restores those). Every item of a board belongs to one record: it is either the
 * record's entry in the records map (the record was created or deleted) or a field inside that
 * record's map. Items outside the records map (schema, workshop) belong to none.
 */
import * as Y from 'yjs'
import { getRecordsMap } from './docLayout.js'

export type UndoStep = Y.UndoManager['undoStack'][number]

/** Calls `visit` with every struct of `doc` inside the id ranges of `ds`. */
function forEachStruct(doc: Y.Doc, ds: UndoStep['insertions'], visit: (struct: unknown) => void): void {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      let i: number
      try {
        i = Y.findIndexSS(structs, clock)
      } catch {
        continue // not in this doc (never the case for our own steps); nothing to attribute
      }
      for (; i < structs.length && structs[i]!.id.clock < clock + len; i++) visit(structs[i])
    }
  }
}

export function recordIdsOfStep(doc: Y.Doc, step: Pick<UndoStep, 'insertions' | 'deletions'>): Set<string> {
  const records = getRecordsMap(doc) as unknown as Y.AbstractType<unknown>
  const ids = new Set<string>()
  const visit = (struct: unknown) => {
    let item = struct instanceof Y.Item ? struct : null
    while (item) {
      const parent = item.parent as Y.AbstractType<unknown> | null
      if (parent === records) {
        if (item.parentSub !== null) ids.add(item.parentSub)
        return
      }
      item = parent?._item ?? null
    }
  }
  forEachStruct(doc, step.insertions, visit)
  forEachStruct(doc, step.deletions, visit)
  return ids
}

/**
 * [B18] The records applying `step` would remove (its insertions hold their entry in the records map:
 * the step created them) that hold a live field written by another client: someone has worked on
 * them since. Undoing such a step would delete their work with the record.
 */
export function recordsOthersChanged(doc: Y.Doc, step: Pick<UndoStep, 'insertions'>): string[] {
  const records = getRecordsMap(doc) as unknown as Y.AbstractType<unknown>
  const changed: string[] = []
  forEachStruct(doc, step.insertions, (item) => {
    if (!(item instanceof Y.Item) || item.deleted || item.parent !== records || item.parentSub === null) return
    // `_map` (key → the item holding its current value) is Yjs 13's internal, but the only way to see
    // who wrote a field: `Y.Map` exposes values, not items. yjs is pinned; binding.test.ts [B18] fails if it moves.
    const fields = (item.content as Y.ContentType).type as unknown as { _map: Map<string, Y.Item> }
    for (const field of fields._map.values()) {
      if (!field.deleted && field.id.client !== doc.clientID) {
        changed.push(item.parentSub)
        return
      }
    }
  })
  return changed
}
