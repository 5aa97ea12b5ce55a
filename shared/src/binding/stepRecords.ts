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
  for (const ds of [step.insertions, step.deletions]) {
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
  return ids
}
