/**
 * Whether an update brings nothing the room's doc does not already have.
 *
 * Why it matters: Yjs's sync step 2 always carries the sender's whole delete set, so every
 * reconnect of every client would otherwise store and relay a copy of all deletions ever made on
 * the board. Since the room's doc holds only stored data ([S6]), an update it already contains is
 * already durable: the author just gets its echo, nothing is stored or relayed.
 *
 * Conservative: any doubt (unknown client, item not found, error) answers "not redundant".
 */
import * as Y from 'yjs'
import type { DecodedUpdate } from './messages.js'

interface StructLike {
  id: { client: number; clock: number }
  length: number
  deleted: boolean
}

/** `decoded`: the update as the message parser already decoded it (decoded here if not given). */
export function isRedundantUpdate(doc: Y.Doc, update: Uint8Array, decoded?: DecodedUpdate): boolean {
  try {
    const { structs, ds } = decoded ?? Y.decodeUpdate(update)
    // Every struct must end at or before what the doc already has from its client.
    for (const s of structs as StructLike[]) {
      if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false
    }
    for (const [client, deletes] of ds.clients) {
      const structs = doc.store.clients.get(client) as StructLike[] | undefined
      if (!structs) return false
      for (const { clock, len } of deletes) {
        if (clock + len > Y.getState(doc.store, client)) return false
        let i = Y.findIndexSS(structs as never, clock)
        for (let c = clock; c < clock + len; ) {
          const s = structs[i++]
          if (!s || !s.deleted) return false
          c = s.id.clock + s.length
        }
      }
    }
    return true
  } catch {
    return false
  }
}
