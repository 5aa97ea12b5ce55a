import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLPageId, TLRecord, TLShape, TLShapeId } from '@tldraw/tlschema'
import { repairParents } from './parentRepair.js'
import { readRecordsFromDoc, writeRecordsToDoc } from './docRecords.js'
import { getRecordsMap } from './docLayout.js'
import { FIRST_PAGE_ID, makeFrameShape, makeGeoShape } from './testing.js'
import { boundPeers, seededBoard } from './testPeers.js'

const id = (s: string) => `shape:${s}` as TLShapeId
const page = (pid: string, index: string) => ({ id: pid, typeName: 'page', name: pid, index, meta: {} }) as unknown as TLRecord

/** Walks parents in a store; throws on a cycle or a missing parent. */
function pageOf(get: (id: string) => TLRecord | undefined, shape: TLShape): string {
  const seen = new Set<string>()
  let cur: TLRecord | undefined = shape
  while (cur?.typeName === 'shape') {
    if (seen.has(cur.id)) throw new Error(`cycle at ${cur.id}`)
    seen.add(cur.id)
    cur = get(cur.parentId)
  }
  if (cur?.typeName !== 'page') throw new Error(`${shape.id} does not reach a page`)
  return cur.id
}

describe('[B19] parent repair', () => {
  const run = (puts: TLRecord[], store: TLRecord[] = [], removes: string[] = []) => {
    const byId = new Map(store.map((r) => [r.id as string, r]))
    return repairParents({ puts, removes: new Set(removes), get: (i) => byId.get(i), all: () => byId.values() })
  }

  it('a two-frame cycle: the member with the smallest id goes to the first page, the other stays inside it', () => {
    const a = makeFrameShape({ id: id('a'), parentId: id('b') })
    const b = makeFrameShape({ id: id('b'), parentId: id('a') })
    const repaired = run([a, b], [page('page:z', 'a2'), page('page:y', 'a1')])
    expect(repaired.map((r) => [r.id, r.parentId])).toEqual([[id('a'), 'page:y']])
    expect(repaired[0]).toMatchObject({ x: a.x, y: a.y })
  })

  it('a cycle closed by one put against the store, and the shapes hanging below it', () => {
    const f1 = makeFrameShape({ id: id('f1') })
    const f2 = makeFrameShape({ id: id('f2'), parentId: id('f1') })
    const child = makeGeoShape({ id: id('c'), parentId: id('f2') })
    const repaired = run([{ ...f1, parentId: id('f2') }], [page(FIRST_PAGE_ID, 'a1'), f1, f2, child])
    expect(repaired.map((r) => [r.id, r.parentId])).toEqual([[id('f1'), FIRST_PAGE_ID]])
  })

  it('a shape whose parent is missing, or being removed, is shown on the first page', () => {
    const orphan = makeGeoShape({ id: id('o'), parentId: id('gone') })
    expect(run([orphan], [page(FIRST_PAGE_ID, 'a1')]).map((r) => r.parentId)).toEqual([FIRST_PAGE_ID])
    const frame = makeFrameShape({ id: id('f') })
    const inside = makeGeoShape({ id: id('i'), parentId: id('f') })
    expect(run([], [page(FIRST_PAGE_ID, 'a1'), frame, inside], [id('f')]).map((r) => [r.id, r.parentId])).toEqual([[id('i'), FIRST_PAGE_ID]])
  })

  it('valid parents, a removal with its children, and moves into frames are left alone', () => {
    const frame = makeFrameShape({ id: id('f') })
    const inside = makeGeoShape({ id: id('i'), parentId: id('f') })
    const store = [page(FIRST_PAGE_ID, 'a1'), frame]
    expect(run([inside, { ...frame, x: 5 }], store)).toEqual([])
    expect(run([], [...store, inside], [id('f'), id('i')])).toEqual([])
  })

  it('through the binding: a cycle from the doc never reaches a store, nothing is written, and the store follows the doc once it is fixed', () => {
    const f1 = makeFrameShape({ id: id('f1'), x: 10 })
    const f2 = makeFrameShape({ id: id('f2'), x: 600 })
    const note = makeGeoShape({ id: id('n'), parentId: id('f2'), x: 20 })
    const { all, link } = boundPeers(2, seededBoard([f1, f2, note]))
    const [ana, ben] = all as [(typeof all)[number], (typeof all)[number]]
    // Each drags one frame into the other while their updates cross.
    link.pause()
    ana.store.put([{ ...(ana.store.get(f2.id) as TLShape), parentId: f1.id }])
    ben.store.put([{ ...(ben.store.get(f1.id) as TLShape), parentId: f2.id }])
    const writes: unknown[] = []
    for (const p of all) p.doc.on('afterTransaction', (tr: Y.Transaction) => tr.changed.size > 0 && tr.origin !== 'wire' && writes.push(tr.origin))
    link.resume()
    expect(writes).toEqual([])
    // The doc holds the cycle; both stores show f1 on the page, f2 (and the note) inside it.
    const inDoc = new Map(readRecordsFromDoc(ana.doc).map((r) => [r.id, r]))
    expect([(inDoc.get(f1.id) as TLShape).parentId, (inDoc.get(f2.id) as TLShape).parentId]).toEqual([f2.id, f1.id])
    for (const p of all) {
      const get = (i: string) => p.store.get(i as TLRecord['id'])
      for (const s of [f1, f2, note]) expect(pageOf(get, get(s.id) as TLShape)).toBe(FIRST_PAGE_ID)
      expect((get(f1.id) as TLShape).parentId).toBe(FIRST_PAGE_ID)
      expect((get(f2.id) as TLShape).parentId).toBe(f1.id)
    }
    // Someone puts f2 back on the page: f1 follows the doc again (inside f2), on both.
    writeRecordsToDoc(ana.doc, [{ ...(inDoc.get(f2.id) as TLShape), parentId: FIRST_PAGE_ID as TLPageId }])
    for (const p of all) {
      expect((p.store.get(f2.id) as TLShape).parentId).toBe(FIRST_PAGE_ID)
      expect((p.store.get(f1.id) as TLShape).parentId).toBe(f2.id)
    }
    expect(getRecordsMap(ana.doc).size).toBe(getRecordsMap(ben.doc).size)
  })
})
