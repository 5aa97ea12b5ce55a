import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, generateBoardId } from '@overlap/shared'
import { silentLogger } from '../log.js'
import { createMemoryStorage } from '../storage/MemoryStorage.js'
import { createCommitQueue } from '../storage/commitQueue.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { createRoomManager } from './RoomManager.js'
import { encodeSyncStep1, encodeUpdate, parseClientMessage } from './messages.js'
import type { SyncSocket } from './Connection.js'

const EDIT = { role: 'edit' as const, tokenHash: 'h' }

function fakeSocket() {
  const sent: Uint8Array[] = []
  const closes: { code: number; reason: string }[] = []
  const socket: SyncSocket = {
    send: (f) => sent.push(f),
    close: (code, reason) => closes.push({ code, reason }),
  }
  return { socket, sent, closes }
}

/** Memory storage whose loadDoc waits until `release()` is called. */
function gatedStorage() {
  const inner = createMemoryStorage()
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const storage: BoardStorage = { ...inner, loadDoc: async (id) => (await gate, inner.loadDoc(id)) }
  return { storage, release }
}

const flush = () => new Promise((r) => setImmediate(r))
const waitUntil = async (p: () => boolean) => {
  for (let i = 0; i < 200 && !p(); i++) await flush()
  expect(p()).toBe(true)
}

async function setup() {
  const { storage, release } = gatedStorage()
  const id = generateBoardId()
  await storage.createBoard({ id, name: 'x', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
  const rooms = createRoomManager({ storage, commits: createCommitQueue({ storage, log: silentLogger }), log: silentLogger })
  return { storage, release, id, rooms }
}

describe('RoomManager', () => {
  it('[S4] joiners with nothing share one encoding of the board until it changes', async () => {
    const { release, id, rooms } = await setup()
    release()
    const stepTwo = (sent: Uint8Array[]) => sent.find((f) => f[0] === 0 && f[1] === 1)
    const join = async () => {
      const s = fakeSocket()
      const handle = rooms.connect(id, s.socket, `c${Math.random()}`, EDIT)
      handle.receive(encodeSyncStep1(new Y.Doc()))
      await waitUntil(() => stepTwo(s.sent) !== undefined)
      return { s, handle }
    }
    const a = await join()
    const b = await join()
    // The very same frame object: encoded once.
    expect(stepTwo(b.s.sent)).toBe(stepTwo(a.s.sent))

    // A change invalidates it: the next joiner gets the new state.
    const writer = new Y.Doc()
    writer.getMap('m').set('k', 'v')
    a.handle.receive(encodeUpdate(Y.encodeStateAsUpdate(writer)))
    await waitUntil(() => a.s.sent.some((f) => f[0] === 0 && f[1] === 2))
    const c = await join()
    expect(stepTwo(c.s.sent)).not.toBe(stepTwo(a.s.sent))
    const docOf = (frame: Uint8Array) => {
      const m = parseClientMessage(frame)
      const doc = new Y.Doc()
      if (m.ok && m.message.kind === 'update') Y.applyUpdate(doc, m.message.update)
      return doc
    }
    expect(docOf(stepTwo(c.s.sent)!).getMap('m').get('k')).toBe('v')

    // A deletion alone (a delete set, no new item: the state vector does not move) invalidates it too.
    const before = Y.encodeStateVector(writer)
    writer.getMap('m').delete('k')
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(writer, before)).structs).toHaveLength(0)
    c.handle.receive(encodeUpdate(Y.encodeStateAsUpdate(writer, before)))
    await waitUntil(() => c.s.sent.some((f) => f[0] === 0 && f[1] === 2))
    const d = await join()
    expect(stepTwo(d.s.sent)).not.toBe(stepTwo(c.s.sent))
    expect(docOf(stepTwo(d.s.sent)!).getMap('m').has('k')).toBe(false)
  })

  it('[S6] relays a stored update to the others before the disk sync; echoes it to its author only after', async () => {
    const { storage, release, id, rooms } = await setup()
    release()
    let finishSync!: () => void
    let syncs = 0
    storage.syncAppended = () => {
      syncs++
      return new Promise<void>((r) => (finishSync = r))
    }
    const join = async (name: string) => {
      const s = fakeSocket()
      const handle = rooms.connect(id, s.socket, name, EDIT)
      handle.receive(encodeSyncStep1(new Y.Doc()))
      await waitUntil(() => s.sent.some((f) => f[0] === 0 && f[1] === 1))
      return { s, handle }
    }
    const author = await join('author')
    const reader = await join('reader')
    const updatesSent = (sent: Uint8Array[]) => sent.filter((f) => f[0] === 0 && f[1] === 2).length
    const writer = new Y.Doc()
    writer.getMap('m').set('k', 'v')
    author.handle.receive(encodeUpdate(Y.encodeStateAsUpdate(writer)))
    await waitUntil(() => syncs === 1)
    // Stored (committed), not yet synced: the reader has it, the author has no "saved" yet.
    expect(updatesSent(reader.s.sent)).toBe(1)
    expect(updatesSent(author.s.sent)).toBe(0)
    expect(rooms.roomCount()).toBe(1)
    finishSync()
    await waitUntil(() => updatesSent(author.s.sent) === 1)
    // A duplicate (already in the doc) is echoed, not relayed: at once when everything stored is synced…
    const first = Y.encodeStateAsUpdate(writer)
    author.handle.receive(encodeUpdate(first))
    await waitUntil(() => updatesSent(author.s.sent) === 2)
    // …and only after the sync when something stored is not yet.
    writer.getMap('m').set('k', 'w')
    author.handle.receive(encodeUpdate(Y.encodeStateAsUpdate(writer, Y.encodeStateVectorFromUpdate(first))))
    await waitUntil(() => syncs === 2)
    author.handle.receive(encodeUpdate(first))
    await flush()
    expect(updatesSent(author.s.sent)).toBe(2)
    expect(updatesSent(reader.s.sent)).toBe(2)
    for (let n = syncs; updatesSent(author.s.sent) < 4; n++) {
      finishSync()
      await waitUntil(() => syncs > n || updatesSent(author.s.sent) === 4)
    }
    expect(updatesSent(reader.s.sent)).toBe(2)
  })

  it('[S14] queues frames while the room loads and replays them in order', async () => {
    const { release, id, rooms } = await setup()
    const s = fakeSocket()
    const handle = rooms.connect(id, s.socket, 'c1', EDIT)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 5; i++) doc.getArray<number>('a').push([i])
    for (const u of updates) handle.receive(encodeUpdate(u))
    handle.receive(encodeSyncStep1(new Y.Doc()))
    await flush()
    expect(s.sent).toEqual([]) // still loading: nothing answered, nothing stored
    release()
    await waitUntil(() => s.sent.filter((f) => f[0] === 0 && f[1] === 2).length === 5)
    const kinds = s.sent.map((f) => `${f[0]}.${f[1]}`)
    // Our step 1 first (join), then the answer to the queued step 1, then the 5 echoes after storage.
    expect(kinds).toEqual(['0.0', '0.1', '0.2', '0.2', '0.2', '0.2', '0.2'])
    const echoed = s.sent.slice(2).map((f) => {
      const m = parseClientMessage(f)
      return m.ok && m.message.kind === 'update' ? m.message.update : null
    })
    expect(echoed).toEqual(updates)
    expect(s.closes).toEqual([])
  })

  it('[S2] closes every connection waiting for an unknown board with 4404', async () => {
    const { release, rooms } = await setup()
    const a = fakeSocket()
    const b = fakeSocket()
    const unknown = generateBoardId()
    rooms.connect(unknown, a.socket, 'a', EDIT)
    rooms.connect(unknown, b.socket, 'b', EDIT)
    release()
    await waitUntil(() => a.closes.length === 1 && b.closes.length === 1)
    expect(a.closes[0]).toEqual({ code: CloseCode.NotFound, reason: 'board not found' })
    expect(rooms.roomCount()).toBe(0)
    expect(rooms.connectionCount()).toBe(0)
  })

  it('[S13] a room whose only client left during loading is unloaded once loaded', async () => {
    const { release, id, rooms } = await setup()
    const s = fakeSocket()
    const handle = rooms.connect(id, s.socket, 'c1', EDIT)
    handle.closed()
    release()
    await waitUntil(() => rooms.roomCount() === 0)
    expect(s.sent).toEqual([])
  })

  it('[S10] a malformed frame in the queue closes that connection and stops its replay', async () => {
    const { release, id, rooms } = await setup()
    const bad = fakeSocket()
    const good = fakeSocket()
    const hb = rooms.connect(id, bad.socket, 'bad', EDIT)
    rooms.connect(id, good.socket, 'good', EDIT)
    hb.receive(new Uint8Array([7, 7]))
    hb.receive(encodeSyncStep1(new Y.Doc()))
    release()
    await waitUntil(() => bad.closes.length === 1)
    expect(bad.closes[0]!.code).toBe(CloseCode.MalformedMessage)
    // The bad connection got our step 1 on join, but its queued step 1 was never answered.
    expect(bad.sent.map((f) => `${f[0]}.${f[1]}`)).toEqual(['0.0'])
    expect(good.closes).toEqual([])
    expect(rooms.connectionCount()).toBe(1)
  })

  it('[S15] a joiner gets relayed updates only after its step 2, which already holds the earlier ones', async () => {
    const { release, id, rooms } = await setup()
    release()
    const author = fakeSocket()
    const ha = rooms.connect(id, author.socket, 'author', EDIT)
    ha.receive(encodeSyncStep1(new Y.Doc()))
    const joiner = fakeSocket()
    const hj = rooms.connect(id, joiner.socket, 'joiner', EDIT)
    await waitUntil(() => joiner.sent.length > 0) // joined: our step 1 sent, its own step 1 not yet
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getMap('m').set('first', 1)
    ha.receive(encodeUpdate(updates[0]!))
    await waitUntil(() => author.sent.filter((f) => f[0] === 0 && f[1] === 2).length === 1)
    // Applied and echoed to its author, but not relayed to a connection that has no state yet.
    expect(joiner.sent.map((f) => `${f[0]}.${f[1]}`)).toEqual(['0.0'])

    hj.receive(encodeSyncStep1(new Y.Doc()))
    await waitUntil(() => joiner.sent.length === 2)
    writer.getMap('m').set('second', 2)
    ha.receive(encodeUpdate(updates[1]!))
    await waitUntil(() => joiner.sent.length === 3)
    const doc = new Y.Doc()
    for (const f of joiner.sent.slice(1)) {
      const m = parseClientMessage(f)
      if (m.ok && m.message.kind === 'update') Y.applyUpdate(doc, m.message.update)
    }
    expect(doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2 })
    expect(doc.store.pendingStructs).toBeNull()
  })

  it('[S6] the others get an update before its author gets the echo', async () => {
    const { release, id, rooms } = await setup()
    release()
    const order: string[] = []
    const socketOf = (name: string) => {
      const s = fakeSocket()
      return { ...s, socket: { ...s.socket, send: (f: Uint8Array) => (f[0] === 0 && f[1] === 2 ? order.push(name) : 0, s.socket.send(f)) } }
    }
    const author = socketOf('author')
    const other = socketOf('other')
    const ha = rooms.connect(id, author.socket, 'author', EDIT)
    const ho = rooms.connect(id, other.socket, 'other', EDIT)
    ha.receive(encodeSyncStep1(new Y.Doc()))
    ho.receive(encodeSyncStep1(new Y.Doc()))
    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (u: Uint8Array) => updates.push(u))
    writer.getMap('m').set('k', 1)
    ha.receive(encodeUpdate(updates[0]!))
    await waitUntil(() => order.length === 2)
    expect(order).toEqual(['other', 'author'])
  })

  it('[S6] with a storage that commits synchronously, a quiet room relays an update in the task it arrived in', async () => {
    const storage = createSqliteStorage({ file: ':memory:' })
    const id = generateBoardId()
    await storage.createBoard({ id, name: 'x', createdAt: 0 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const rooms = createRoomManager({ storage, commits: createCommitQueue({ storage, log: silentLogger }), log: silentLogger })
    const author = fakeSocket()
    const other = fakeSocket()
    const ha = rooms.connect(id, author.socket, 'author', EDIT)
    const ho = rooms.connect(id, other.socket, 'other', EDIT)
    ha.receive(encodeSyncStep1(new Y.Doc()))
    ho.receive(encodeSyncStep1(new Y.Doc()))
    await waitUntil(() => other.sent.some((f) => f[0] === 0 && f[1] === 1))
    const writer = new Y.Doc()
    writer.getMap('m').set('k', 1)
    ha.receive(encodeUpdate(Y.encodeStateAsUpdate(writer)))
    // No await: stored (SQLite committed inside receive), then relayed at once.
    expect(other.sent.filter((f) => f[0] === 0 && f[1] === 2)).toHaveLength(1)
    expect((await storage.loadDoc(id))!.updates).toHaveLength(1)
    await storage.close()
  })
})
