import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { checkUpdateIntegrity } from './updateIntegrity.js'

/** Deterministic PRNG (LCG) so every run flips the same bytes. */
function rng(seed: number) {
  let s = seed
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
}

/** Three peers editing maps, nested text and arrays at random, syncing now and then; every update they emit. */
function honestTraffic(seed: number) {
  const random = rng(seed)
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  const updates: Uint8Array[] = []
  for (const d of docs) d.on('update', (u: Uint8Array) => updates.push(u))
  docs[0]!.transact(() => {
    for (let i = 0; i < 20; i++) {
      const m = new Y.Map<unknown>()
      docs[0]!.getMap('records').set(`shape:${i}`, m)
      m.set('xy', [i, i])
      const t = new Y.Text('abc')
      m.set('text', t)
    }
  })
  for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]!))
  for (let i = 0; i < 600; i++) {
    const d = docs[Math.floor(random() * 3)]!
    const records = d.getMap<Y.Map<unknown>>('records')
    const m = records.get(`shape:${Math.floor(random() * 20)}`)
    const r = random()
    if (!m) records.set(`shape:${Math.floor(random() * 20)}`, new Y.Map())
    else if (r < 0.3) m.set('xy', [i, -i])
    else if (r < 0.5) (m.get('text') as Y.Text | undefined)?.insert(Math.floor(random() * 3), 'zz')
    else if (r < 0.6) (m.get('text') as Y.Text | undefined)?.delete(0, 1)
    else if (r < 0.75) d.getArray<number>('order').insert(Math.floor(random() * (d.getArray('order').length + 1)), [i])
    else if (r < 0.8 && d.getArray('order').length > 0) d.getArray('order').delete(0, 1)
    else if (r < 0.85) records.delete(`shape:${Math.floor(random() * 20)}`)
    else m.set(`p.k${i % 5}`, { v: i })
    if (random() < 0.2) {
      const [a, b] = [docs[Math.floor(random() * 3)]!, docs[Math.floor(random() * 3)]!]
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    }
  }
  return { docs, updates }
}

describe('checkUpdateIntegrity', () => {
  it('[S16] passes every update honest peers make: single, merged, whole states, diffs (seeded)', () => {
    for (const seed of [1, 2, 3]) {
      const { docs, updates } = honestTraffic(seed)
      const all = [
        ...updates,
        Y.mergeUpdates(updates),
        Y.mergeUpdates(updates.slice(100, 300)),
        ...docs.map((d) => Y.encodeStateAsUpdate(d)),
        Y.encodeStateAsUpdate(docs[0]!, Y.encodeStateVector(docs[1]!)),
      ]
      for (const u of all) expect(checkUpdateIntegrity(Y.decodeUpdate(u))).toEqual({ ok: true })
    }
  })

  it('[S16] every decodable corruption it passes applies to a live board and leaves it encodable (seeded)', () => {
    const random = rng(20261123)
    const { docs, updates } = honestTraffic(4)
    const board = Y.encodeStateAsUpdate(docs[0]!)
    const samples = [board, ...updates]
    let decodable = 0
    let refused = 0
    for (let i = 0; i < 60_000 && decodable < 1500; i++) {
      const corrupt = samples[Math.floor(random() * samples.length)]!.slice()
      for (let f = 1 + Math.floor(random() * 3); f > 0; f--) corrupt[Math.floor(random() * corrupt.length)] = Math.floor(random() * 256)
      let decoded
      try {
        decoded = Y.decodeUpdate(corrupt)
      } catch {
        continue
      }
      decodable++
      if (!checkUpdateIntegrity(decoded).ok) {
        refused++
        continue
      }
      const doc = new Y.Doc()
      Y.applyUpdate(doc, board)
      expect(() => {
        Y.applyUpdate(doc, corrupt)
        Y.encodeStateAsUpdate(doc)
      }, `sample ${i}`).not.toThrow()
    }
    expect(decodable).toBe(1500)
    // Without the check, these would have thrown on the board's doc (or some of them).
    expect(refused).toBeGreaterThan(10)
  })

  it("[S16] refuses an item whose origin is a later item of its own client (Yjs would throw applying it)", () => {
    const doc = new Y.Doc()
    doc.getArray<number>('a').insert(0, [1])
    doc.getArray<number>('a').insert(1, [2])
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(doc))
    const second = decoded.structs[0] as Y.Item
    // One struct of length 2 (merged); point its origin at itself instead of nothing.
    second.origin = Y.createID(second.id.client, second.id.clock + 1)
    const verdict = checkUpdateIntegrity(decoded)
    expect(verdict.ok).toBe(false)
    expect(!verdict.ok && verdict.reason).toMatch(/origin .* not before it/)
  })

  it('[S16] refuses a delete range of length 0 (the doc could no longer be encoded)', () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0) // no structs
    encoding.writeVarUint(e, 1) // one client in the delete set
    encoding.writeVarUint(e, 42) // client
    encoding.writeVarUint(e, 1) // one range
    encoding.writeVarUint(e, 0) // clock
    encoding.writeVarUint(e, 0) // len
    const verdict = checkUpdateIntegrity(Y.decodeUpdate(encoding.toUint8Array(e)))
    expect(verdict).toEqual({ ok: false, reason: 'delete range 42:0 has length 0' })
  })
})
