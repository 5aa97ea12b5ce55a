/**
 * [B19] Every shape the store holds reaches a page through its parents.
 *
 * The doc cannot promise that. Two people who each drag one frame into the other at the same time
 * (or while one is offline) each write a valid `parentId`, and Yjs keeps both: frame 1 inside frame 2
 * inside frame 1. A shape created inside a frame that someone else deleted meanwhile points to a
 * parent that is gone. So can a hand-made file or any y-websocket client. tldraw's editor walks
 * parents without a guard, and a cycle froze every tab that opened the board.
 *
 * So the binding repairs what it puts into the store, the same way on every replica, from the doc's
 * records alone, and without writing to the doc (opening a board writes nothing, and a viewer cannot
 * write): a shape whose parent is missing, and the shape with the smallest id of each cycle, are
 * shown on the document's first page (the page with the lowest index), at their own x and y. The doc
 * keeps what was written until someone moves such a shape into a frame or onto a page on purpose.
 */
import type { TLPage, TLRecord, TLShape } from '@tldraw/tlschema'

export interface ParentRepairInput {
  /** Records about to be put into the store (any type). */
  puts: readonly TLRecord[]
  /** Ids about to be removed from the store. */
  removes: ReadonlySet<string>
  /** The store's record for an id, before this batch. */
  get(id: string): TLRecord | undefined
  /** Every shape and page in the store before this batch (scanned only when something is removed). */
  all(): Iterable<TLRecord>
}

/** Shapes whose `parentId` must be shown otherwise: for each, the record to put instead. */
export function repairParents({ puts, removes, get, all }: ParentRepairInput): TLShape[] {
  const putById = new Map<string, TLRecord>()
  for (const r of puts) putById.set(r.id, r)
  const repaired = new Map<string, TLShape>()
  const final = (id: string): TLRecord | undefined =>
    repaired.get(id) ?? putById.get(id) ?? (removes.has(id) ? undefined : get(id))

  // Shapes that may have lost their way to a page: the ones put now, and (after a removal) every
  // shape whose parent is being removed.
  const candidates: TLShape[] = []
  for (const r of puts) if (r.typeName === 'shape') candidates.push(r)
  if (removes.size > 0) {
    for (const r of all()) {
      if (r.typeName === 'shape' && removes.has(r.parentId) && !removes.has(r.id) && !putById.has(r.id)) candidates.push(r)
    }
  }
  if (candidates.length === 0) return []

  let firstPage: TLPage | null | undefined
  const pageToShowOn = (): TLPage | null => {
    if (firstPage !== undefined) return firstPage
    firstPage = null
    const consider = (r: TLRecord | undefined) => {
      if (r?.typeName !== 'page' || final(r.id) !== r) return
      if (!firstPage || r.index < firstPage.index || (r.index === firstPage.index && r.id < firstPage.id)) firstPage = r
    }
    for (const r of puts) consider(r)
    for (const r of all()) consider(r)
    return firstPage
  }

  const detach = (shape: TLShape): boolean => {
    const page = pageToShowOn()
    if (!page) return false
    repaired.set(shape.id, { ...shape, parentId: page.id })
    return true
  }

  for (const start of candidates) {
    // Walk up from `start` until a page; each repair makes the chain shorter, so this ends.
    walk: for (;;) {
      const seen: TLShape[] = []
      const index = new Map<string, number>()
      let shape = final(start.id)
      if (shape?.typeName !== 'shape') break
      for (;;) {
        const at = index.get(shape.id)
        if (at !== undefined) {
          // A cycle: the members are seen[at..]; the one with the smallest id lets go.
          const members = seen.slice(at)
          const loosest = members.reduce((a, b) => (b.id < a.id ? b : a))
          if (!detach(loosest)) break walk
          continue walk
        }
        index.set(shape.id, seen.length)
        seen.push(shape)
        const parent = final(shape.parentId)
        if (parent?.typeName === 'page') break walk
        if (parent?.typeName !== 'shape') {
          if (!detach(shape)) break walk
          continue walk
        }
        shape = parent
      }
    }
  }
  return [...repaired.values()]
}
