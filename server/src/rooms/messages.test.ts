import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import {
  KEEPALIVE_FRAME,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseClientMessage,
} from './messages.js'

function sampleUpdate(): Uint8Array {
  const doc = new Y.Doc()
  const records = doc.getMap('records')
  for (let i = 0; i < 20; i++) {
    const r = new Y.Map()
    records.set(`shape:${i}`, r)
    r.set('x', i)
    r.set('text', 'hello world')
  }
  return Y.encodeStateAsUpdate(doc)
}

/** Deterministic PRNG so a failing case can be replayed (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('parseClientMessage', () => {
  it('[S5] reads what the y-websocket client sends', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('a', 1)
    expect(parseClientMessage(encodeSyncStep1(doc))).toMatchObject({ ok: true, message: { kind: 'sync-step1' } })
    expect(parseClientMessage(encodeSyncStep2(doc, new Uint8Array([0])))).toMatchObject({
      ok: true,
      message: { kind: 'update', empty: false },
    })
    expect(parseClientMessage(encodeUpdate(sampleUpdate()))).toMatchObject({ ok: true, message: { kind: 'update' } })
    const empty = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))
    expect(parseClientMessage(encodeUpdate(empty))).toMatchObject({ ok: true, message: { empty: true } })
    const aw = new awarenessProtocol.Awareness(doc)
    aw.setLocalState({ user: { name: 'Ada' } })
    const parsed = parseClientMessage(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID])))
    aw.destroy()
    expect(parsed).toMatchObject({
      ok: true,
      message: { kind: 'awareness', clients: [{ clientId: doc.clientID, state: { user: { name: 'Ada' } } }] },
    })
    expect(parseClientMessage(new Uint8Array([3]))).toEqual({ ok: true, message: { kind: 'query-awareness' } })
    expect(parseClientMessage(KEEPALIVE_FRAME)).toMatchObject({ ok: true, message: { clients: [] } })
  })

  it.each([
    ['empty frame', []],
    ['unknown message type', [9]],
    ['auth from a client', [2, 0, 0]],
    ['unknown sync type', [0, 7, 0]],
    ['trailing bytes', [3, 0]],
    ['awareness with bad JSON', [1, 6, 1, 1, 1, 2, 123, 120]],
  ])('[S10] refuses %s', (_label, bytes) => {
    expect(parseClientMessage(new Uint8Array(bytes)).ok).toBe(false)
  })

  it('[S10] refuses every truncation of an update', () => {
    const frame = encodeUpdate(sampleUpdate())
    for (let len = 0; len < frame.length; len++) {
      expect(parseClientMessage(frame.slice(0, len)).ok, `length ${len}`).toBe(false)
    }
  })

  it('[S10] refuses random frames and corrupted updates without throwing (seeded)', () => {
    const random = rng(20261123)
    const update = sampleUpdate()
    let refused = 0
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 200)).map(() => Math.floor(random() * 256))
      if (!parseClientMessage(bytes).ok) refused++
      // Corrupt an update in place but keep a valid frame header.
      const corrupt = update.slice()
      corrupt[Math.floor(random() * corrupt.length)] = Math.floor(random() * 256)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, corrupt)
      const result = parseClientMessage(encoding.toUint8Array(e))
      if (result.ok && result.message.kind === 'update') {
        // Whatever passes must apply cleanly.
        expect(() => Y.applyUpdate(new Y.Doc(), result.message.kind === 'update' ? result.message.update : new Uint8Array())).not.toThrow()
      }
    }
    expect(refused).toBeGreaterThan(450)
  })

  it('[S6] frames a relayed update exactly as lib0 does, for every length encoding', () => {
    for (const n of [0, 1, 127, 128, 16383, 16384, 2_100_000]) {
      const update = new Uint8Array(n)
      for (let i = 0; i < n; i++) update[i] = i % 251
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
      // Buffer.compare: an element-wise toEqual of 2 MB takes seconds.
      expect(Buffer.compare(encodeUpdate(update), encoding.toUint8Array(e))).toBe(0)
    }
  })
})
