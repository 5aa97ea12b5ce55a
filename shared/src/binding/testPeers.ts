/**
 * Test helpers: Y.Docs wired to each other directly, each bound to its own headless tldraw store.
 */
import * as Y from 'yjs'
import { createTLSchema, type TLGeoShape, type TLShape } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { writeInitialBoard, writeRecordsToDoc } from './docRecords.js'

/** A board as the server creates it (document, page, schema, baseline), plus `records`. */
export function seededBoard(records: readonly TLShape[] = []): Y.Doc {
  const doc = new Y.Doc()
  writeInitialBoard(doc, createTLSchema())
  writeRecordsToDoc(doc, records)
  return doc
}

/** A geo shape as a peer's store holds it. */
export const geoOf = (peer: { store: ReturnType<typeof createHeadlessStore> }, id: TLShape['id']) => peer.store.get(id) as TLGeoShape

/** Docs that deliver every update to each other at once, or queue them while paused. */
export function linkAll(docs: readonly Y.Doc[]) {
  let paused = false
  const queue: Array<[Y.Doc, Uint8Array]> = []
  for (const from of docs) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'wire') return
      for (const to of docs) {
        if (to === from) continue
        if (paused) queue.push([to, update])
        else Y.applyUpdate(to, update, 'wire')
      }
    })
  }
  return {
    pause: () => (paused = true),
    resume: () => {
      paused = false
      for (const [to, update] of queue.splice(0)) Y.applyUpdate(to, update, 'wire')
    },
  }
}

/** `n` peers that start from a copy of `seed`, each with its own store and binding, linked together. */
export function boundPeers(n: number, seed: Y.Doc) {
  const all = Array.from({ length: n }, () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed))
    const store = createHeadlessStore()
    return { doc, store, binding: bindStoreToDoc({ store, doc }) }
  })
  return { all, link: linkAll(all.map((c) => c.doc)) }
}
