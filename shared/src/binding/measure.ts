/**
 * Size and speed of a large board on the doc layout: build (store + bind + encode), join (fresh Y.Doc
 * applies the update; fresh store loads it through bindStoreToDoc). Run after `npx tsc -b`:
 *   node shared/dist/binding/measure.js [shapes=10000]
 * The bench package calls `measureBoard` directly.
 */
import * as Y from 'yjs'
import { createShapeId, createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore, ensureAnimationFrame } from './headlessStore.js'
import { countShapes, writeInitialBoard } from './docRecords.js'
import { makeGeoShape } from './testing.js'

export interface BoardMeasurement {
  shapes: number
  v1Bytes: number
  v2Bytes: number
  buildMs: number
  encodeV1Ms: number
  applyV1Ms: number
  joinStoreMs: number
}

export function measureBoard(shapes = 10_000): BoardMeasurement {
  ensureAnimationFrame()
  const records: TLRecord[] = []
  for (let i = 0; i < shapes; i++) {
    records.push(
      makeGeoShape({
        id: createShapeId(`s${i}`),
        x: (i % 100) * 120 + 0.5,
        y: Math.floor(i / 100) * 120 + 0.25,
        index: 'a1',
        props: { color: i % 2 ? 'blue' : 'black', w: 100 + (i % 7), h: 80 },
      }),
    )
  }

  let t = performance.now()
  const doc = new Y.Doc()
  writeInitialBoard(doc, createTLSchema())
  const store = createHeadlessStore()
  const binding = bindStoreToDoc({ store, doc })
  store.put(records) // one local batch → one transaction through the binding
  binding.flush()
  const buildMs = performance.now() - t

  t = performance.now()
  const v1 = Y.encodeStateAsUpdate(doc)
  const encodeV1Ms = performance.now() - t
  const v2Bytes = Y.encodeStateAsUpdateV2(doc).byteLength
  binding.dispose()

  t = performance.now()
  const joined = new Y.Doc()
  Y.applyUpdate(joined, v1)
  const applyV1Ms = performance.now() - t
  if (countShapes(doc) !== shapes) throw new Error('build lost shapes')
  if (countShapes(joined) !== shapes) throw new Error('join lost shapes')

  t = performance.now()
  const fresh = createHeadlessStore()
  const joinedBinding = bindStoreToDoc({ store: fresh, doc: joined })
  const joinStoreMs = performance.now() - t
  const loaded = fresh.allRecords().filter((r) => r.typeName === 'shape').length
  joinedBinding.dispose()
  if (loaded !== shapes) throw new Error(`store loaded ${loaded} of ${shapes} shapes`)

  return { shapes, v1Bytes: v1.byteLength, v2Bytes, buildMs, encodeV1Ms, applyV1Ms, joinStoreMs }
}

const isMain = typeof process !== 'undefined' && process.argv[1]?.endsWith('/binding/measure.js')
if (isMain) {
  const result = measureBoard(Number(process.argv[2] ?? 10_000))
  console.log(JSON.stringify(result, (_k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v), 2))
}
