/**
 * [WS2] Only the server writes the doc's `workshop` map: a socket update that creates or deletes an
 * item whose parent is the root map `workshop` is refused before anything is stored.
 *
 * A decoded Item tells its parent in one of three ways (Yjs encoding):
 * - a parent key string: the item sits directly in that ROOT type (`"workshop"` → refused);
 * - a parent ID: the item sits in a NESTED type (a Y.Map inside a record…). Never the workshop root,
 *   whose values are plain JSON, so the server never makes a type the client could nest into;
 * - nothing, when it has an origin or right origin: it then has the SAME parent as that neighbour,
 *   which we look up earlier in this update, or in the room's doc (`doc.store`, `Y.findIndexSS`).
 *   That is how overwriting `workshop.timer` looks: a new item whose origin is the current value.
 *
 * A neighbour we cannot find (not in the update, not in the doc) is let through: Yjs keeps such an
 * item pending and integrates it when the neighbour arrives, with the neighbour's parent — and the
 * neighbour, when it arrives from a socket, is checked here itself. It cannot be a future SERVER
 * item: the server writes with a fresh random clientID each time (workshopUpdate.ts), so no one can
 * name one of its items before it exists. Same for deletes of ids the doc does not hold yet.
 *
 * Deletes: a range in the delete set hitting a live (not yet deleted) item of the workshop root is
 * refused. Already-deleted ones are fine: every sync step 2 carries the client's whole delete set,
 * including the server's own overwrites of workshop values.
 */
import * as Y from 'yjs'
import { WORKSHOP_MAP } from '@overlap/shared'
import type { DecodedUpdate } from '../rooms/messages.js'

export type GuardVerdict = { ok: true } | { ok: false; reason: string }

const OK: GuardVerdict = { ok: true }

type Where = 'workshop' | 'elsewhere' | 'unknown'

interface DecodedItem {
  id: Y.ID
  length: number
  origin: Y.ID | null
  rightOrigin: Y.ID | null
  parent: string | Y.ID | null
}

/**
 * Index of the struct covering `clock` in a per-client list ordered by clock, or -1. (Like
 * `Y.findIndexSS`, which throws instead, and works on the decoded update's lists too.)
 */
function indexIn(list: ReadonlyArray<{ id: Y.ID; length: number }> | undefined, clock: number): number {
  if (!list || list.length === 0) return -1
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = list[mid]!
    if (clock < s.id.clock) hi = mid - 1
    else if (clock >= s.id.clock + s.length) lo = mid + 1
    else return mid
  }
  return -1
}

function findIn<T extends { id: Y.ID; length: number }>(list: readonly T[] | undefined, clock: number): T | undefined {
  const i = indexIn(list, clock)
  return i < 0 ? undefined : list![i]
}

/** `decoded`: the update as the message parser already decoded it (decoded here if not given). */
export function checkWorkshopWrite(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate = Y.decodeUpdate(update)): GuardVerdict {
  const { structs, ds } = decoded
  // Undefined until someone (the server) wrote the map: then no doc item can be in it.
  const workshop = doc.share.get(WORKSHOP_MAP)
  const store = doc.store.clients as Map<number, Array<Y.Item | Y.GC>>

  const inUpdate = new Map<number, DecodedItem[]>()
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const list = inUpdate.get(s.id.client)
    if (list) list.push(s as unknown as DecodedItem)
    else inUpdate.set(s.id.client, [s as unknown as DecodedItem])
  }

  const whereInDoc = (id: Y.ID): Where => {
    const s = findIn(store.get(id.client), id.clock)
    if (s === undefined) return 'unknown'
    // A GC struct is content of a deleted NESTED type (root types are never collected).
    if (!(s instanceof Y.Item)) return 'elsewhere'
    return workshop !== undefined && s.parent === workshop ? 'workshop' : 'elsewhere'
  }

  const memo = new Map<DecodedItem, Where>()
  const whereOf = (start: DecodedItem): Where => {
    // Iterative: a long chain of items inserted one after another must not overflow the stack.
    const chain = new Set<DecodedItem>()
    let item: DecodedItem | undefined = start
    let where: Where = 'unknown'
    while (item !== undefined) {
      const known = memo.get(item)
      if (known !== undefined) {
        where = known
        break
      }
      chain.add(item)
      if (typeof item.parent === 'string') {
        where = item.parent === WORKSHOP_MAP ? 'workshop' : 'elsewhere'
        break
      }
      if (item.parent !== null) {
        where = 'elsewhere'
        break
      }
      const ref: Y.ID | null = item.origin ?? item.rightOrigin
      if (ref === null) break
      const next: DecodedItem | undefined = findIn(inUpdate.get(ref.client), ref.clock)
      if (next === undefined) {
        where = whereInDoc(ref)
        break
      }
      // A cycle of origins never integrates (Yjs keeps it pending): nothing to refuse.
      if (chain.has(next)) break
      item = next
    }
    for (const c of chain) memo.set(c, where)
    return where
  }

  for (const list of inUpdate.values()) {
    for (const item of list) {
      // Already in the doc (a step 2 overlapping what we have): applying it changes nothing.
      if (item.id.clock + item.length <= Y.getState(doc.store, item.id.client)) continue
      if (whereOf(item) === 'workshop') return { ok: false, reason: 'an update may not write the workshop map (server only)' }
    }
  }

  if (workshop !== undefined) {
    for (const [client, ranges] of ds.clients) {
      const list = store.get(client)
      if (!list) continue
      for (const { clock, len } of ranges) {
        // The doc's structs of a client are contiguous from clock 0: not found = beyond what we hold.
        let i = indexIn(list, clock)
        if (i < 0) continue
        for (; i < list.length && list[i]!.id.clock < clock + len; i++) {
          const s = list[i]!
          if (s instanceof Y.Item && !s.deleted && s.parent === workshop) {
            return { ok: false, reason: 'an update may not delete from the workshop map (server only)' }
          }
        }
      }
    }
  }
  return OK
}
