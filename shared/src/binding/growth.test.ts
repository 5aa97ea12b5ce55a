import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { writeInitialBoard } from './docRecords.js'
import { makeGeoShape } from './testing.js'

const DRAGS = 10_000

it('[B11] 10,000 drags of one shape grow the V1 encoding by < 50 KB', () => {
  const doc = new Y.Doc()
  writeInitialBoard(doc, createTLSchema())
  const store = createHeadlessStore()
  bindStoreToDoc({ store, doc })
  const shape = makeGeoShape({ x: 0.5, y: 0.25 })
  store.put([shape])
  const v1Before = Y.encodeStateAsUpdate(doc).byteLength
  const v2Before = Y.encodeStateAsUpdateV2(doc).byteLength
  for (let i = 1; i <= DRAGS; i++) {
    // Fractional, diagonal moves: both x and y change every frame, as in a real drag.
    store.put([{ ...shape, x: shape.x + i * 1.37, y: shape.y + i * 0.71 }])
  }
  const v1Growth = Y.encodeStateAsUpdate(doc).byteLength - v1Before
  const v2Growth = Y.encodeStateAsUpdateV2(doc).byteLength - v2Before
  console.info(`[B11] ${DRAGS} drags: V1 +${v1Growth} B, V2 +${v2Growth} B`)
  expect(store.get(shape.id)).toMatchObject({ x: shape.x + DRAGS * 1.37 })
  expect(v1Growth).toBeLessThan(50_000)
  expect(v2Growth).toBeLessThan(50_000)
})

it('[B11] drags interleaved with a peer\'s edits of other shapes stay bounded', () => {
  const a = new Y.Doc()
  writeInitialBoard(a, createTLSchema())
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  a.on('update', (u: Uint8Array, o: unknown) => o !== 'wire' && Y.applyUpdate(b, u, 'wire'))
  b.on('update', (u: Uint8Array, o: unknown) => o !== 'wire' && Y.applyUpdate(a, u, 'wire'))
  const sa = createHeadlessStore()
  const sb = createHeadlessStore()
  bindStoreToDoc({ store: sa, doc: a })
  bindStoreToDoc({ store: sb, doc: b })
  const mine = makeGeoShape()
  const theirs = makeGeoShape()
  sa.put([mine])
  sb.put([theirs])
  const before = Y.encodeStateAsUpdate(a).byteLength
  for (let i = 1; i <= DRAGS; i++) {
    sa.put([{ ...mine, x: i, y: i }])
    if (i % 10 === 0) sb.put([{ ...theirs, x: i }])
  }
  const growth = Y.encodeStateAsUpdate(a).byteLength - before
  console.info(`[B11] ${DRAGS} drags with a peer editing every 10th frame: V1 +${growth} B`)
  expect(growth).toBeLessThan(50_000)
})

it('[B11] a drag is still one undo step after its intermediate positions were collected', () => {
  const doc = new Y.Doc()
  writeInitialBoard(doc, createTLSchema())
  const store = createHeadlessStore()
  const binding = bindStoreToDoc({ store, doc })
  const shape = makeGeoShape({ x: 1, y: 2 })
  store.put([shape])
  binding.stopCapturing()
  for (let i = 1; i <= 100; i++) store.put([{ ...shape, x: 1 + i, y: 2 + i }])
  binding.undo()
  expect(store.get(shape.id)).toMatchObject({ x: 1, y: 2 })
  binding.redo()
  expect(store.get(shape.id)).toMatchObject({ x: 101, y: 102 })
  binding.undo()
  binding.undo()
  expect(store.get(shape.id)).toBeUndefined()
  binding.redo()
  binding.redo()
  expect(store.get(shape.id)).toMatchObject({ x: 101, y: 102 })
})
