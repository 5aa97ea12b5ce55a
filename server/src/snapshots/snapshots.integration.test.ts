import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, toRichText, type TLRecord } from '@tldraw/tlschema'
import {
  cardMeta,
  createHeadlessStore,
  generateBoardId,
  getRecordsMap,
  makeArrowBinding,
  makeArrowShape,
  makeGeoShape,
  readRecordsFromDoc,
  richTextToPlain,
  writeRecordsToDoc,
  type TldrawStoreSnapshotJson,
} from '@overlap/shared'
import { connectClient, startTestServer, waitFor, type TestClient, type TestServer } from '../testing/harness.js'
import { authedFetch } from '../testing/harness.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import type { BoardStorage, SnapshotMeta } from '../storage/BoardStorage.js'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8')

let srv: TestServer
let createdBoards: number
const clients: TestClient[] = []

beforeEach(async () => {
  // Counts boards created, so a refused import can be shown to create nothing.
  createdBoards = 0
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'overlap-snap-'))
  const base = createSqliteStorage({ file: path.join(dir, 'overlap.sqlite') })
  const storage: BoardStorage = {
    ...base,
    createBoard: async (meta, update, links, assets) => {
      await base.createBoard(meta, update, links, assets)
      createdBoards++
    },
  }
  srv = await startTestServer({ dataDir: dir, storage, env: { MAX_UPLOAD_BYTES: '200000' } })
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await srv.stop()
  fs.rmSync(srv.dataDir, { recursive: true, force: true })
})

const api = (p: string, init?: RequestInit) => authedFetch(`${srv.url}${p}`, init)
const post = (p: string, body?: unknown) =>
  api(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
const postRaw = (p: string, body: string, type = 'application/octet-stream') =>
  api(p, { method: 'POST', headers: { 'content-type': type }, body })

async function client(boardId: string): Promise<TestClient> {
  const c = connectClient(srv.wsOrigin, boardId)
  clients.push(c)
  await c.synced()
  return c
}

const sortById = (records: readonly TLRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
const docRecords = (doc: Y.Doc) => sortById(readRecordsFromDoc(doc))
const shapeIds = (doc: Y.Doc) => [...getRecordsMap(doc).keys()].filter((id) => id.startsWith('shape:')).sort()

function card(id: string, text: string, x: number): TLRecord {
  return {
    ...makeGeoShape({ id: id as never, x }),
    type: 'note',
    props: {
      color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle',
      verticalAlign: 'middle', growY: 0, url: '', richText: toRichText(text), scale: 1, textLastEditedBy: null,
    },
    meta: cardMeta('requirement'),
  } as unknown as TLRecord
}

/** Waits until the server's stored/live board has `n` shapes. */
async function serverShapes(boardId: string, n: number) {
  await waitFor(() => {
    const doc = srv.overlap.rooms.loadedDoc(boardId as never)
    return doc !== null && shapeIds(doc).length === n
  }, `server board with ${n} shapes`)
}

describe('snapshots API', () => {
  it('[SN1][SN2][SN3] takes a snapshot, lists it newest first, reads it as tldraw JSON a store loads', async () => {
    const boardId = await srv.createBoard('History')
    const a = await client(boardId)
    const geo = makeGeoShape({ x: 10, y: 20 })
    writeRecordsToDoc(a.doc, [geo, card('shape:c1', 'Pay in one click', 300)])
    await serverShapes(boardId, 2)

    const res = await post(`/api/boards/${boardId}/snapshots`, { name: '  Before review ', author: 'Ada' })
    expect(res.status).toBe(201)
    const meta = (await res.json()) as SnapshotMeta
    expect(meta).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      boardId,
      name: 'Before review',
      author: 'Ada',
      createdAt: srv.clock.now(),
      kind: 'manual',
      summary: { shapes: 2, cards: 1, links: 0 },
    })
    srv.clock.tick(1000)
    const second = (await (await post(`/api/boards/${boardId}/snapshots`, { name: 'Later' })).json()) as SnapshotMeta
    expect(second.author).toBeNull()

    const list = (await (await api(`/api/boards/${boardId}/snapshots`)).json()) as { snapshots: SnapshotMeta[] }
    expect(list.snapshots.map((s) => s.name)).toEqual(['Later', 'Before review'])
    expect(list.snapshots[1]).toEqual(meta)

    const one = (await (await api(`/api/boards/${boardId}/snapshots/${meta.id}`)).json()) as SnapshotMeta & { snapshot: TldrawStoreSnapshotJson }
    expect(one).toMatchObject(meta)
    expect(Object.keys(one.snapshot.document.store).sort()).toEqual(['document:document', geo.id, 'page:page', 'shape:c1'].sort())
    expect(one.snapshot.document.schema).toEqual(createTLSchema().serialize())
    // What tldraw's loadSnapshot does with the document part: migrate + validate every record.
    const store = createHeadlessStore()
    store.loadStoreSnapshot(one.snapshot.document)
    expect(store.get(geo.id)).toMatchObject({ x: 10, y: 20, type: 'geo' })
  })

  it('[SN4] unknown boards and snapshots are 404, a malformed board id 400', async () => {
    const boardId = await srv.createBoard()
    const ghost = generateBoardId()
    expect((await api(`/api/boards/${ghost}/snapshots`)).status).toBe(404)
    expect((await post(`/api/boards/${ghost}/snapshots`, { name: 'x' })).status).toBe(404)
    expect((await api(`/api/boards/${ghost}/snapshot`)).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/snapshots/AAAAAAAAAAAAAAAA`)).status).toBe(404)
    expect((await post(`/api/boards/${boardId}/snapshots/AAAAAAAAAAAAAAAA/restore`)).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/snapshots/no%20such!`)).status).toBe(404)
    expect((await api(`/api/boards/not-an-id/snapshots`)).status).toBe(400)
    // A snapshot id of another board is unknown here.
    const other = await srv.createBoard()
    const s = (await (await post(`/api/boards/${other}/snapshots`, { name: 'x' })).json()) as SnapshotMeta
    expect((await api(`/api/boards/${boardId}/snapshots/${s.id}`)).status).toBe(404)
    const bad = await post(`/api/boards/${boardId}/snapshots`, { name: '' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_name')
    expect((await post(`/api/boards/${boardId}/snapshots`, { name: 'x', author: 7 })).status).toBe(400)
  })

  it('[SN5] restore is one change every connected client converges on; snapshots are kept', async () => {
    const boardId = await srv.createBoard()
    const a = await client(boardId)
    const b = await client(boardId)
    const geo = makeGeoShape({ x: 0 })
    const target = makeGeoShape({ x: 400 })
    const arrow = makeArrowShape({ x: 50 })
    writeRecordsToDoc(a.doc, [geo, target, arrow, makeArrowBinding(arrow.id, geo.id, 'start'), makeArrowBinding(arrow.id, target.id, 'end'), card('shape:c1', 'Original text', 800)])
    await serverShapes(boardId, 4)
    const snap = (await (await post(`/api/boards/${boardId}/snapshots`, { name: 'Good state' })).json()) as SnapshotMeta
    await waitFor(() => shapeIds(b.doc).length === 4, 'b sees 4 shapes')
    const wanted = docRecords(srv.overlap.rooms.loadedDoc(boardId as never)!)

    // Then someone makes a mess: deletes a shape (and so the arrow's binding), edits a card, adds one.
    a.doc.transact(() => {
      getRecordsMap(a.doc).delete(target.id)
      for (const [id, r] of getRecordsMap(a.doc).entries()) if (id.startsWith('binding:') && r.get('toId') === target.id) getRecordsMap(a.doc).delete(id)
    })
    writeRecordsToDoc(a.doc, [card('shape:c1', 'Changed text', 900), makeGeoShape({ x: -500 })])
    await serverShapes(boardId, 4)
    const messy = () => JSON.stringify(docRecords(srv.overlap.rooms.loadedDoc(boardId as never)!))
    await waitFor(() => JSON.stringify(docRecords(a.doc)) === messy() && JSON.stringify(docRecords(b.doc)) === messy(), 'every edit stored and relayed to b')

    let updatesOnB = 0
    b.doc.on('update', () => updatesOnB++)
    const res = await post(`/api/boards/${boardId}/snapshots/${snap.id}/restore`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ restored: snap, changed: true, deleted: 1 })
    for (const c of [a, b]) {
      await waitFor(() => JSON.stringify(docRecords(c.doc)) === JSON.stringify(wanted), 'client converges on the snapshot')
    }
    expect(updatesOnB).toBe(1) // ONE Yjs change
    expect(docRecords(srv.overlap.rooms.loadedDoc(boardId as never)!)).toEqual(wanted)
    // Restoring never deletes snapshots; restoring again changes nothing.
    const list = (await (await api(`/api/boards/${boardId}/snapshots`)).json()) as { snapshots: SnapshotMeta[] }
    expect(list.snapshots.map((s) => s.id)).toContain(snap.id)
    expect(await (await post(`/api/boards/${boardId}/snapshots/${snap.id}/restore`)).json()).toMatchObject({ changed: false })
  })

  it('[SN5] restores into a board nobody has open (loads it), durably', async () => {
    const boardId = await srv.createBoard()
    const a = await client(boardId)
    writeRecordsToDoc(a.doc, [makeGeoShape()])
    await serverShapes(boardId, 1)
    const snap = (await (await post(`/api/boards/${boardId}/snapshots`, { name: 'one shape' })).json()) as SnapshotMeta
    writeRecordsToDoc(a.doc, [makeGeoShape(), makeGeoShape()])
    await serverShapes(boardId, 3)
    a.destroy()
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded')

    expect((await post(`/api/boards/${boardId}/snapshots/${snap.id}/restore`)).status).toBe(200)
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded after the restore')
    const now = (await (await api(`/api/boards/${boardId}/snapshot`)).json()) as TldrawStoreSnapshotJson
    expect(Object.keys(now.document.store).filter((id) => id.startsWith('shape:'))).toHaveLength(1)
    const fresh = await client(boardId)
    expect(shapeIds(fresh.doc)).toHaveLength(1)
  })

  it('[SN6] an automatic snapshot when the last client leaves a changed board, none when unchanged', async () => {
    const boardId = await srv.createBoard()
    const autos = async () =>
      ((await (await api(`/api/boards/${boardId}/snapshots`)).json()) as { snapshots: SnapshotMeta[] }).snapshots.filter((s) => s.kind === 'auto')
    // A new board opened and left without drawing anything: nothing worth a snapshot.
    const looker = await client(boardId)
    looker.destroy()
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded after a look')
    await srv.overlap.snapshots.drain()
    expect(await autos()).toHaveLength(0)

    const a = await client(boardId)
    const b = await client(boardId)
    writeRecordsToDoc(a.doc, [makeGeoShape()])
    await serverShapes(boardId, 1)
    a.destroy()
    await waitFor(() => srv.overlap.rooms.connectionCount() === 1, 'a gone')
    expect(await autos()).toHaveLength(0) // someone is still there
    b.destroy()
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded')
    await srv.overlap.snapshots.drain()
    const [auto] = await autos()
    expect(auto).toMatchObject({ kind: 'auto', author: null, name: 'Automatic snapshot', summary: { shapes: 1 } })

    // Open and leave without changing anything: no new snapshot.
    const c = await client(boardId)
    c.destroy()
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded again')
    await srv.overlap.snapshots.drain()
    expect(await autos()).toHaveLength(1)
  })

  it('[SN6] at most one automatic snapshot per interval while a board stays open, only if it changed', async () => {
    const boardId = await srv.createBoard()
    const a = await client(boardId)
    writeRecordsToDoc(a.doc, [makeGeoShape()])
    await serverShapes(boardId, 1)
    const count = async () => ((await (await api(`/api/boards/${boardId}/snapshots`)).json()) as { snapshots: SnapshotMeta[] }).snapshots.length
    srv.clock.tick(60 * 60 * 1000) // the timer's round…
    await srv.overlap.snapshots.snapshotOpenBoards() // …and an overlapping one: still one snapshot
    expect(await count()).toBe(1)
    srv.clock.tick(60 * 60 * 1000) // nothing changed in that hour
    await srv.overlap.snapshots.snapshotOpenBoards()
    expect(await count()).toBe(1)
    writeRecordsToDoc(a.doc, [makeGeoShape()])
    await serverShapes(boardId, 2)
    await srv.overlap.snapshots.snapshotOpenBoards() // changed, and the last one is over an hour old
    expect(await count()).toBe(2)
    srv.clock.tick(30 * 60 * 1000)
    writeRecordsToDoc(a.doc, [makeGeoShape()])
    await serverShapes(boardId, 3)
    await srv.overlap.snapshots.snapshotOpenBoards() // changed, but the last one is half an hour old
    expect(await count()).toBe(2)
    srv.clock.tick(30 * 60 * 1000)
    await srv.overlap.snapshots.snapshotOpenBoards()
    expect(await count()).toBe(3)
  })
})

describe('export and import', () => {
  it('[SN7][SN8] export → import round trip gives an equal board', async () => {
    const boardId = await srv.createBoard()
    const a = await client(boardId)
    const geo = makeGeoShape({ x: 3, y: 4 })
    const target = makeGeoShape({ x: 300 })
    const arrow = makeArrowShape()
    writeRecordsToDoc(a.doc, [geo, target, arrow, makeArrowBinding(arrow.id, geo.id, 'start'), makeArrowBinding(arrow.id, target.id, 'end'), card('shape:c9', 'Ship it', 600)])
    await serverShapes(boardId, 4)
    const exported = (await (await api(`/api/boards/${boardId}/snapshot`)).json()) as TldrawStoreSnapshotJson

    const res = await postRaw('/api/boards/import?name=Copy', JSON.stringify(exported), 'application/json')
    expect(res.status).toBe(201)
    const created = (await res.json()) as { id: string; shapes: number; migrated: boolean }
    expect(created).toMatchObject({ shapes: 4, migrated: false })
    expect(await (await api(`/api/boards/${created.id}`)).json()).toMatchObject({ name: 'Copy' })
    const again = (await (await api(`/api/boards/${created.id}/snapshot`)).json()) as TldrawStoreSnapshotJson
    expect(again).toEqual(exported)

    // The same as a .tldr file, as tldraw's "Save" writes it.
    const tldr = { tldrawFileFormatVersion: 1, schema: exported.document.schema, records: Object.values(exported.document.store) }
    const res2 = await postRaw('/api/boards/import', JSON.stringify(tldr))
    const id2 = ((await res2.json()) as { id: string }).id
    expect(await (await api(`/api/boards/${id2}`)).json()).toMatchObject({ name: 'Imported board' })
    expect(await (await api(`/api/boards/${id2}/snapshot`)).json()).toEqual(exported)
  })

  for (const [file, version] of [
    ['tldraw-2.4.6.tldr', '2.4.6'],
    ['tldraw-3.15.6.tldr', '3.15.6'],
  ] as const) {
    it(`[SN9] imports a file saved by tldraw ${version}: migrated, every shape present, clients load it`, async () => {
      const res = await postRaw('/api/boards/import?name=Old', fixture(file))
      expect(res.status).toBe(201)
      const { id, shapes, migrated } = (await res.json()) as { id: string; shapes: number; migrated: boolean }
      expect({ shapes, migrated }).toEqual({ shapes: 6, migrated: true })
      const exported = (await (await api(`/api/boards/${id}/snapshot`)).json()) as TldrawStoreSnapshotJson
      const records = Object.values(exported.document.store)
      const byType = records.filter((r) => r.typeName === 'shape').map((r) => (r as { type: string }).type).sort()
      expect(byType).toEqual(['arrow', 'frame', 'geo', 'geo', 'note', 'text'])
      expect(records.filter((r) => r.typeName === 'binding')).toHaveLength(2)
      // Session records (camera, instance, pointer) are not part of a board.
      expect(records.map((r) => r.typeName)).not.toContain('camera')
      const note = records.find((r) => (r as { type?: string }).type === 'note') as { props: { richText: unknown } }
      expect(richTextToPlain(note.props.richText)).toBe('A sticky note with text')
      const geo = records.find((r) => (r as { type?: string }).type === 'geo' && (r as { props: { geo: string } }).props.geo === 'rectangle') as { parentId: string; props: { richText: unknown } }
      expect(richTextToPlain(geo.props.richText)).toBe('Start')
      expect(geo.parentId).toMatch(/^shape:/) // inside the frame
      expect(exported.document.schema).toEqual(createTLSchema().serialize())
      const store = createHeadlessStore()
      store.loadStoreSnapshot(exported.document)
      expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(6)
      const c = await client(id)
      expect(shapeIds(c.doc)).toHaveLength(6)
    })
  }

  for (const [file, status, error] of [
    ['broken-not-json.tldr', 400, 'invalid_json'],
    ['broken-not-tldr.tldr', 400, 'not_tldr'],
    ['broken-invalid-record.tldr', 400, 'invalid_records'],
    ['broken-future-schema.tldr', 400, 'newer_tldraw'],
    ['tldraw-1.x.tldr', 400, 'tldraw_v1'],
  ] as const) {
    it(`[SN8] refuses ${file} with ${status} ${error} and creates nothing`, async () => {
      const before = createdBoards
      const res = await postRaw('/api/boards/import', fixture(file))
      expect(res.status).toBe(status)
      const body = (await res.json()) as { error: string; message: string }
      expect(body.error).toBe(error)
      expect(body.message.length).toBeGreaterThan(10)
      if (error === 'newer_tldraw') expect(body.message).toMatch(/made by a newer tldraw/)
      if (error === 'tldraw_v1') expect(body.message).toMatch(/tldraw 1\.x.*Import/)
      if (error === 'invalid_records') expect(body.message).toMatch(/shape:/)
      expect(createdBoards).toBe(before)
    })
  }

  it('[SN8] an empty body, a bad name and a body over MAX_UPLOAD_BYTES are refused', async () => {
    expect((await postRaw('/api/boards/import', '')).status).toBe(400)
    expect((await postRaw(`/api/boards/import?name=${'x'.repeat(500)}`, fixture('tldraw-3.15.6.tldr'))).status).toBe(400)
    const big = JSON.stringify({ tldrawFileFormatVersion: 1, schema: {}, records: [], pad: 'x'.repeat(300_000) })
    const refused = await postRaw('/api/boards/import', big)
    expect(refused.status).toBe(413)
    // Says the limit, so that whoever sent it knows what would fit.
    expect(((await refused.json()) as { message: string }).message).toMatch(/request body too large \(300,\d{3} bytes\): this request takes at most [\d,]+ bytes/)
    expect(createdBoards).toBe(0)
  })

  describe('[SN12] images a file carries inline (tldraw.com) become the board\'s assets', () => {
    // A 1×1 PNG.
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const fileWithImage = (src: string) => {
      const schema = createTLSchema()
      const asset = {
        id: 'asset:photo',
        typeName: 'asset',
        type: 'image',
        props: { name: 'photo.png', src, w: 1, h: 1, mimeType: 'image/png', isAnimated: false },
        meta: {},
      }
      const image = {
        ...makeGeoShape(),
        id: 'shape:photo',
        type: 'image',
        props: { w: 100, h: 100, assetId: 'asset:photo', playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' },
      }
      return JSON.stringify({ tldrawFileFormatVersion: 1, schema: schema.serialize(), records: [asset, image] })
    }

    it('stores the bytes with the board and puts the asset URL in the doc', async () => {
      const res = await postRaw('/api/boards/import', fileWithImage(`data:image/png;base64,${PNG.toString('base64')}`))
      expect(res.status).toBe(201)
      const { id } = (await res.json()) as { id: string }
      const c = await client(id)
      const asset = readRecordsFromDoc(c.doc).find((r) => r.typeName === 'asset') as unknown as { props: { src: string } }
      expect(asset.props.src).toMatch(new RegExp(`^/api/boards/${id}/assets/[A-Za-z0-9_-]{22}$`))
      const served = await fetch(`${srv.url}${asset.props.src}`)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
    })

    it('[S31] an inline image labelled with the wrong type is served, and recorded, as what its bytes are', async () => {
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')
      const res = await postRaw('/api/boards/import', fileWithImage(`data:image/png;base64,${gif.toString('base64')}`))
      expect(res.status).toBe(201)
      const { id } = (await res.json()) as { id: string }
      const c = await client(id)
      const asset = readRecordsFromDoc(c.doc).find((r) => r.typeName === 'asset') as unknown as { props: { src: string; mimeType: string } }
      expect(asset.props.mimeType).toBe('image/gif')
      expect((await fetch(`${srv.url}${asset.props.src}`)).headers.get('content-type')).toBe('image/gif')
    })

    it.each([
      ['a data: URL that is not an image', 'data:text/html;base64,PGgxPmhpPC9oMT4=', 415],
      ['an image over MAX_UPLOAD_BYTES', `data:image/png;base64,${Buffer.alloc(300_000).toString('base64')}`, 413],
      ['an SVG whose percent-encoding is broken (was a 500)', 'data:image/svg+xml,%E0%A4%A', 400],
      ['a "PNG" whose bytes are an HTML page', `data:image/png;base64,${Buffer.from('<html><script>1</script></html>').toString('base64')}`, 415],
    ])('refuses %s and creates nothing', async (_what, src, status) => {
      const before = createdBoards
      const res = await postRaw('/api/boards/import', fileWithImage(src))
      // (A body over the limit is refused as a whole, before the image is looked at: 413 either way.)
      expect(res.status).toBe(status)
      expect(createdBoards).toBe(before)
    })
  })
})
