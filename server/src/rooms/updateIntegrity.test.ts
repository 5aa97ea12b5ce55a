import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { checkEncodedUpdate, checkUpdateIntegrity } from './updateIntegrity.js'

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

  it('[S16] refuses the 24-byte update that broke a board for good: an item, then a deleted run of length 0', () => {
    // Client 33: [1] at clock 0 in the root array "arr", then an empty ContentDeleted at clock 1.
    const update = Buffer.from('01022100080103617272017d010101036172720000', 'hex')
    expect(checkEncodedUpdate(update)).toEqual({ ok: false, reason: 'corrupt update: struct 33:1 has length 0' })
    // What the check prevents: Yjs takes it, halfway, and the doc can no longer be encoded for a joiner.
    const doc = new Y.Doc()
    expect(() => {
      Y.applyUpdate(doc, update)
      Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc))
    }).toThrow()
  })

  it('[S16] refuses a zero-length struct of every kind: empty array, empty string, GC and skip', () => {
    const update = (writeStruct: (e: encoding.Encoder) => void) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1) // one client
      encoding.writeVarUint(e, 1) // one struct
      encoding.writeVarUint(e, 7) // client
      encoding.writeVarUint(e, 0) // first clock
      writeStruct(e)
      encoding.writeVarUint(e, 0) // empty delete set
      return encoding.toUint8Array(e)
    }
    const rootItem = (contentRef: number, writeContent: (e: encoding.Encoder) => void) =>
      update((e) => {
        encoding.writeUint8(e, contentRef) // no origins: a parent follows
        encoding.writeVarUint(e, 1) // parent is a root type, by name
        encoding.writeVarString(e, 'arr')
        writeContent(e)
      })
    const cases = {
      'empty ContentAny': rootItem(8, (e) => encoding.writeVarUint(e, 0)),
      'empty ContentString': rootItem(4, (e) => encoding.writeVarString(e, '')),
      'empty ContentJSON': rootItem(2, (e) => encoding.writeVarUint(e, 0)),
      'GC of length 0': update((e) => {
        encoding.writeUint8(e, 0)
        encoding.writeVarUint(e, 0)
      }),
      'skip of length 0': update((e) => {
        encoding.writeUint8(e, 10)
        encoding.writeVarUint(e, 0)
      }),
    }
    for (const [what, u] of Object.entries(cases)) {
      expect(checkEncodedUpdate(u), what).toEqual({ ok: false, reason: 'corrupt update: struct 7:0 has length 0' })
    }
    // The same shapes with one element pass.
    expect(checkEncodedUpdate(rootItem(8, (e) => (encoding.writeVarUint(e, 1), encoding.writeAny(e, 1))))).toEqual({ ok: true })
  })

  it('[S16] every hand-built update it passes applies to a live board and leaves it encodable (seeded structure fuzz)', () => {
    const random = rng(20261207)
    const int = (n: number) => Math.floor(random() * n)
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
    const board = new Y.Doc()
    board.clientID = 11
    board.getArray('arr').push([1, 2, 3])
    board.getMap('records').set('a', 1)
    board.getMap('records').set('t', new Y.Text('hello'))
    board.getArray('arr').delete(0, 1)
    const boardUpdate = Y.encodeStateAsUpdate(board)
    // Ids that exist on the board, just past its end, and far past it.
    const ids = [[11, 0], [11, 2], [11, 4], [11, 6], [11, 8], [11, 40], [5, 0], [5, 1]] as const
    const writeContent = (e: encoding.Encoder, ref: number) => {
      const n = int(3) // 0 is the interesting length
      switch (ref) {
        case 1: return encoding.writeVarUint(e, n)
        case 2: encoding.writeVarUint(e, n); for (let i = 0; i < n; i++) encoding.writeVarString(e, pick(['1', '"x"', 'null'])); return
        case 3: return encoding.writeVarUint8Array(e, new Uint8Array(n))
        case 4: return encoding.writeVarString(e, pick(['', 'a', 'xy', '\u{1F642}']))
        case 5: return encoding.writeVarString(e, pick(['{}', '1']))
        case 6: encoding.writeVarString(e, 'bold'); return encoding.writeVarString(e, pick(['true', 'null']))
        case 7: { const type = int(7); encoding.writeVarUint(e, type); if (type === 3 || type === 5) encoding.writeVarString(e, 'p'); return }
        case 8: encoding.writeVarUint(e, n); for (let i = 0; i < n; i++) encoding.writeAny(e, i); return
        default: encoding.writeVarString(e, `guid${n}`); return encoding.writeAny(e, {})
      }
    }
    const writeId = (e: encoding.Encoder) => {
      const [client, clock] = pick(ids)
      encoding.writeVarUint(e, client)
      encoding.writeVarUint(e, clock)
    }
    const handBuilt = () => {
      const e = encoding.createEncoder()
      const clients = 1 + int(2)
      encoding.writeVarUint(e, clients)
      for (let c = 0; c < clients; c++) {
        const structs = 1 + int(4)
        encoding.writeVarUint(e, structs)
        encoding.writeVarUint(e, pick([11, 5, 33]))
        encoding.writeVarUint(e, pick([0, 0, 1, 6, 9]))
        for (let i = 0; i < structs; i++) {
          const r = random()
          if (r < 0.1) {
            encoding.writeUint8(e, r < 0.05 ? 0 : 10) // GC or skip
            encoding.writeVarUint(e, int(3))
            continue
          }
          const ref = 1 + int(9)
          const origin = random() < 0.4
          const right = random() < 0.3
          const sub = random() < 0.3
          encoding.writeUint8(e, ref | (origin ? 0x80 : 0) | (right ? 0x40 : 0) | (sub ? 0x20 : 0))
          if (origin) writeId(e)
          if (right) writeId(e)
          if (!origin && !right) {
            if (random() < 0.7) {
              encoding.writeVarUint(e, 1)
              encoding.writeVarString(e, pick(['arr', 'records', 'other']))
            } else {
              encoding.writeVarUint(e, 0)
              writeId(e)
            }
            if (sub) encoding.writeVarString(e, pick(['k', 'a']))
          }
          writeContent(e, ref)
        }
      }
      const ranges = int(2)
      encoding.writeVarUint(e, ranges)
      for (let i = 0; i < ranges; i++) {
        encoding.writeVarUint(e, pick([11, 33]))
        encoding.writeVarUint(e, 1)
        encoding.writeVarUint(e, int(6))
        encoding.writeVarUint(e, 1 + int(3))
      }
      return encoding.toUint8Array(e)
    }
    let passed = 0
    let refused = 0
    for (let i = 0; i < 4000; i++) {
      const u = handBuilt()
      let decoded
      try {
        decoded = Y.decodeUpdate(u)
      } catch {
        continue
      }
      if (!checkUpdateIntegrity(decoded).ok) {
        refused++
        continue
      }
      passed++
      const doc = new Y.Doc()
      Y.applyUpdate(doc, boardUpdate)
      expect(() => {
        Y.applyUpdate(doc, u)
        // A joiner must be able to load what the board now encodes.
        Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc))
      }, `update ${i}: ${Buffer.from(u).toString('hex')}`).not.toThrow()
    }
    expect(passed).toBeGreaterThan(1000)
    expect(refused).toBeGreaterThan(100)
  })
})
