/**
 * [B17][B9] Upgrading a server with boards stored before layout 2: the first binding client migrates the
 * board through the real server (only the schema is written), and the stored board says so after a
 * restart, its records unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLGeoShape } from '@tldraw/tlschema'
import {
  LAYOUT_SEQUENCE,
  bindStoreToDoc,
  checkBoardSchema,
  createHeadlessStore,
  getBoardMap,
  getRecordsMap,
  makeGeoShape,
  readRecordsFromDoc,
} from '@overlap/shared'
import { connectClient, readStoredDoc, startTestServer, waitFor, type TestClient, type TestServer } from '../testing/harness.js'

const schema = createTLSchema()
let srv: TestServer | null = null
const clients: TestClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await srv?.stop()
  srv = null
})

/** A geo shape as layout 1 stored it: every field its own key (`xy`, `p.*`), no `@`. */
function layoutOneMap(shape: TLGeoShape): Y.Map<unknown> {
  const { id: _id, typeName: _typeName, x, y, props, meta, ...top } = shape
  const ymap = new Y.Map<unknown>()
  ymap.set('xy', [x, y])
  for (const [key, value] of Object.entries(top)) ymap.set(key, value)
  ymap.set('props', {})
  for (const [key, value] of Object.entries(props)) ymap.set(`p.${key}`, value)
  ymap.set('meta', {})
  return ymap
}

const layoutOf = (doc: Y.Doc) => (getBoardMap(doc).get('schema') as { sequences?: Record<string, unknown> } | undefined)?.sequences?.[LAYOUT_SEQUENCE]

describe('[B17] a board stored before layout 2', () => {
  it('[B17][B9] the first binding client migrates it through the server: schema only, stored, records unchanged', async () => {
    srv = await startTestServer()
    const boardId = await srv.createBoard()
    const shape = makeGeoShape({ x: 40, y: 50, props: { color: 'violet', w: 180 } })

    // What an older server and client stored: the schema without our sequence, a layout-1 record.
    const old = connectClient(srv.wsOrigin, boardId)
    clients.push(old)
    await old.synced()
    old.doc.transact(() => {
      getBoardMap(old.doc).set('schema', schema.serialize())
      getRecordsMap(old.doc).set(shape.id, layoutOneMap(shape) as never)
    })

    const fresh = connectClient(srv.wsOrigin, boardId)
    clients.push(fresh)
    await fresh.synced()
    await waitFor(() => getRecordsMap(fresh.doc).has(shape.id), 'the layout-1 record to reach a new client')
    expect(checkBoardSchema(getBoardMap(fresh.doc).get('schema'), schema)).toBe('older')
    const recordsBefore = Y.encodeStateVector(fresh.doc)

    const store = createHeadlessStore()
    const binding = bindStoreToDoc({ store, doc: fresh.doc })
    expect(binding.getReadonlyReason()).toBeNull()
    expect(store.get(shape.id)).toEqual(shape)
    expect(layoutOf(fresh.doc)).toBe(2)
    expect(Y.encodeStateVector(fresh.doc)).not.toEqual(recordsBefore)
    // Relayed to the older client only once stored ([S6]).
    await waitFor(() => layoutOf(old.doc) === 2, 'the migrated schema to reach the other client')

    binding.dispose()
    const dataDir = srv.dataDir
    for (const c of clients.splice(0)) c.destroy()
    await srv.stop()
    srv = null
    const stored = await readStoredDoc(dataDir, boardId)
    expect(checkBoardSchema(getBoardMap(stored).get('schema'), schema)).toBe('same')
    expect(readRecordsFromDoc(stored).find((r) => r.id === shape.id)).toEqual(shape)
    expect(getRecordsMap(stored).get(shape.id)!.has('@')).toBe(false)
  })
})
