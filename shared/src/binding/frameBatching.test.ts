/**
 * The browser path: tldraw delivers `store.listen` batches once per animation frame. Forced here with
 * tldraw's own test switch `__FORCE_RAF_IN_TESTS__` and a hand-driven requestAnimationFrame.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema } from '@tldraw/tlschema'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { readRecordsFromDoc, writeInitialBoard, writeRecordsToDoc } from './docRecords.js'
import { getRecordsMap } from './docLayout.js'
import { makeGeoShape } from './testing.js'

const g = globalThis as Record<string, unknown>
let frames: Array<() => void> = []

beforeEach(() => {
  frames = []
  g.__FORCE_RAF_IN_TESTS__ = true
  g.requestAnimationFrame = (cb: () => void) => frames.push(cb)
  g.cancelAnimationFrame = () => {}
})
afterEach(() => {
  delete g.__FORCE_RAF_IN_TESTS__
  delete g.requestAnimationFrame
  delete g.cancelAnimationFrame
})

function setup() {
  const doc = new Y.Doc()
  writeInitialBoard(doc, createTLSchema())
  const store = createHeadlessStore()
  const binding = bindStoreToDoc({ store, doc })
  return { doc, store, binding }
}

it('[B3] in a browser-like frame loop, local changes reach the doc only when the frame runs (or on flush)', () => {
  const { doc, store, binding } = setup()
  const shape = makeGeoShape()
  store.put([shape])
  expect(getRecordsMap(doc).has(shape.id)).toBe(false)
  binding.flush()
  expect(getRecordsMap(doc).has(shape.id)).toBe(true)
})

it('[B13] a local delete still waiting for its frame is written before a remote edit is applied', () => {
  const { doc, store, binding } = setup()
  const shape = makeGeoShape()
  store.put([shape])
  binding.flush()
  store.remove([shape.id]) // pending until the next frame
  const ymap = getRecordsMap(doc).get(shape.id)!
  doc.transact(() => ymap.set('opacity', 0.5), 'peer') // a peer's edit arrives first
  for (const frame of frames.splice(0)) frame()
  binding.flush()
  expect(store.get(shape.id)).toBeUndefined()
  expect(getRecordsMap(doc).has(shape.id)).toBe(false)
})

it('[B4] a pending local move does not overwrite a remote recolour that arrived before the frame', () => {
  const { doc, store, binding } = setup()
  const shape = makeGeoShape()
  store.put([shape])
  binding.flush()
  store.put([{ ...shape, x: 42 }])
  writeRecordsToDoc(doc, [{ ...shape, props: { ...shape.props, color: 'red' } }], 'peer')
  binding.flush()
  expect(store.get(shape.id)).toMatchObject({ x: 42, props: { color: 'red' } })
  expect(readRecordsFromDoc(doc).find((r) => r.id === shape.id)).toMatchObject({ x: 42, props: { color: 'red' } })
})
