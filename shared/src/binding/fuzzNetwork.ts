/**
 * An in-memory network of headless tldraw stores, each bound to its own Y.Doc, for seeded convergence
 * tests ([B12]). Messages are Yjs updates; the network delays (queues), reorders (delivers a random
 * queued message), drops, disconnects and reconnects peers; a reconnect runs a state-vector sync
 * (y-protocols sync step 1/2 semantics) with every connected peer.
 */
import * as Y from 'yjs'
import type { TLStore } from '@tldraw/tlschema'
import { bindStoreToDoc, type TldrawYjsBinding } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'

export interface FuzzPeer {
  index: number
  doc: Y.Doc
  store: TLStore
  binding: TldrawYjsBinding
  connected: boolean
}

interface Message {
  to: number
  update: Uint8Array
}

const NET = 'net'

/** mulberry32: small, fast, seedable. */
export function createRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T | undefined => (items.length ? items[Math.floor(next() * items.length)] : undefined),
  }
}
export type Random = ReturnType<typeof createRandom>

export function createFuzzNetwork(peerCount: number, seedDoc: Y.Doc, random: Random) {
  const queue: Message[] = []
  const peers: FuzzPeer[] = []
  const invalid: string[] = []
  for (let index = 0; index < peerCount; index++) {
    const doc = new Y.Doc()
    doc.clientID = index + 1 // deterministic conflict resolution for a given seed
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(seedDoc), NET)
    const store = createHeadlessStore()
    // A capture window longer than any run: undo steps are cut only by explicit stopCapturing(), so a
    // seed replays identically whatever the wall clock does.
    const binding = bindStoreToDoc({
      store,
      doc,
      captureTimeoutMs: 1e12,
      onInvalidRecord: (r) => invalid.push(`${index}:${r.id}:${r.reason}:${String(r.error)}`),
    })
    const peer: FuzzPeer = { index, doc, store, binding, connected: true }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NET || !peer.connected) return
      for (const other of peers) if (other !== peer && other.connected) queue.push({ to: other.index, update })
    })
    peers.push(peer)
  }

  const apply = (to: FuzzPeer, update: Uint8Array) => Y.applyUpdate(to.doc, update, NET)

  const syncPair = (a: FuzzPeer, b: FuzzPeer, viaQueue: boolean) => {
    const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc))
    const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc))
    if (viaQueue) {
      queue.push({ to: a.index, update: toA }, { to: b.index, update: toB })
    } else {
      apply(a, toA)
      apply(b, toB)
    }
  }

  return {
    peers,
    invalid,
    pending: () => queue.length,
    /** Delivers one random queued message (reordering); drops it instead with probability `dropP`. */
    deliverOne(dropP: number) {
      if (queue.length === 0) return
      const [message] = queue.splice(random.int(queue.length), 1)
      const to = peers[message.to]
      if (!to.connected || random.chance(dropP)) return
      apply(to, message.update)
    },
    disconnect(peer: FuzzPeer) {
      peer.connected = false
    },
    reconnect(peer: FuzzPeer) {
      if (peer.connected) return
      peer.connected = true
      for (const other of peers) if (other !== peer && other.connected) syncPair(peer, other, true)
    },
    /** Everyone back online, every message delivered, then pairwise sync until nothing is missing. */
    settle() {
      for (const peer of peers) peer.connected = true
      while (queue.length) {
        const message = queue.shift()!
        apply(peers[message.to], message.update)
      }
      for (let round = 0; round < 3; round++) {
        for (const a of peers) for (const b of peers) if (a !== b) syncPair(a, b, false)
        queue.length = 0
      }
    },
  }
}
