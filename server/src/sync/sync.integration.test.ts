import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import { CloseCode, generateBoardId, type BoardId } from '@overlap/shared'
import {
  connectClient,
  rawSocket,
  startTestServer,
  tokensFor,
  waitFor,
  withTimeout,
  type TestClient,
  type TestServer,
} from '../testing/harness.js'
import { encodeSyncStep1, encodeUpdate, KEEPALIVE_FRAME } from '../rooms/messages.js'
import { applyStoredDoc } from '../storage/mergeDoc.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import path from 'node:path'

let srv: TestServer
let clients: TestClient[]
let boardId: BoardId

const client = (id: string = boardId) => {
  const c = connectClient(srv.wsOrigin, id)
  clients.push(c)
  return c
}

beforeEach(async () => {
  srv = await startTestServer()
  clients = []
  boardId = await srv.createBoard()
})
afterEach(async () => {
  for (const c of clients) c.destroy()
  await srv.stop()
})

describe('y-websocket sync with an unmodified 3.1 client', () => {
  it('[S3] two clients converge', async () => {
    const a = client()
    const b = client()
    await Promise.all([a.synced(), b.synced()])
    a.doc.getMap('test').set('shape:a', 'from a')
    b.doc.getMap('test').set('shape:b', 'from b')
    await waitFor(
      () => a.doc.getMap('test').size === 2 && b.doc.getMap('test').size === 2,
      'both clients to see both shapes'
    )
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
    // The seeded schema arrived too.
    expect(a.doc.getMap('board').get('schema')).toBeDefined()
  })

  it('[S3] a late joiner gets everything', async () => {
    const a = client()
    await a.synced()
    const records = a.doc.getMap('test')
    for (let i = 0; i < 100; i++) records.set(`shape:${i}`, i)
    await waitFor(() => srv.overlap.rooms.roomCount() === 1, 'room')
    // Wait until everything is stored and applied: the server's state vector equals a's.
    const late = client()
    await late.synced()
    await waitFor(() => late.doc.getMap('test').size === 100, 'late joiner to have 100 shapes')
  })

  it('[S3] offers no permessage-deflate by default (clients would compress every small frame)', async () => {
    const raw = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await raw.opened
    expect(raw.ws.extensions).toBe('')
    raw.ws.close()
  })

  it('[S3] with WS_DEFLATE=on, compresses a big join on the wire (permessage-deflate)', async () => {
    await srv.stop()
    srv = await startTestServer({ env: { WS_DEFLATE: 'on' } })
    boardId = await srv.createBoard()
    const a = client()
    await a.synced()
    const t = a.doc.getMap('test')
    for (let i = 0; i < 500; i++) t.set(`shape:${i}`, { type: 'geo', props: { color: 'black', fill: 'none', w: 100, h: 100 } })
    // Wait until the server has all 500 shapes, then join and ask for everything. (Joining first
    // would also count 500 small relayed updates, which are below the compression threshold.)
    const b = client()
    await waitFor(() => b.doc.getMap('test').size === 500, 'server to have all shapes')
    const late = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await late.opened
    expect(late.ws.extensions).toContain('permessage-deflate')
    late.ws.send(encodeSyncStep1(new Y.Doc()))
    await waitFor(() => late.frames.some((f) => f[0] === 0 && f[1] === 1 && f.length > 20_000), 'big step 2')
    const payload = late.frames.reduce((n, f) => n + f.length, 0)
    const onWire = (late.ws as unknown as { _socket: { bytesRead: number } })._socket.bytesRead
    expect(onWire).toBeLessThan(payload / 3)
    late.ws.close()
  })

  it('[S5] a reconnect does not store or relay the deletions everyone already has', async () => {
    const a = client()
    await a.synced()
    const arr = a.doc.getArray<number>('list')
    arr.push([1, 2, 3, 4])
    arr.delete(0, 2)
    const b = client()
    await waitFor(() => b.doc.getArray('list').length === 2, 'b in sync')
    const logSize = async () => (await srv.storage.loadDoc(boardId))!.updates.length
    const before = await logSize()
    await b.synced()
    // Only relayed updates count (sync type 0, subtype 2): the server's own step 1 to b may still be
    // in flight when b's list already matches.
    const framesToB: string[] = []
    b.provider.ws!.addEventListener('message', (e: MessageEvent) => {
      const bytes = new Uint8Array(e.data as ArrayBuffer)
      framesToB.push(`${bytes[0]}:${bytes[1]}`)
    })
    a.provider.disconnect()
    a.provider.connect()
    await a.synced()
    // a's step 2 (its whole delete set) came and was acknowledged; give it a round trip to land.
    const probe = client()
    await probe.synced()
    expect(await logSize()).toBe(before)
    expect(framesToB.filter((t) => t === '0:2')).toEqual([])
  })

  it('[S4] sends its own step 1 so edits made offline come up', async () => {
    const offline = new Y.Doc()
    offline.getMap('test').set('shape:offline', 1)
    const c = connectClient(srv.wsOrigin, boardId, offline)
    clients.push(c)
    const other = client()
    await waitFor(() => other.doc.getMap('test').has('shape:offline'), 'offline edit to reach another client')
  })

  it('[S6] echoes an update to its author only after it is stored', async () => {
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await sock.opened
    await waitFor(() => sock.frames.length >= 1, 'server step 1')
    const doc = new Y.Doc()
    doc.getMap('test').set('shape:x', 42)
    const update = Y.encodeStateAsUpdate(doc)
    const frame = encodeUpdate(update)
    let storedWhenEchoed: boolean | null = null
    sock.ws.on('message', (data: Buffer) => {
      if (storedWhenEchoed === null && Buffer.compare(data, Buffer.from(frame)) === 0) {
        // Read the database through a second connection: the update must already be there.
        const reader = createSqliteStorage({ file: path.join(srv.dataDir, 'overlap.sqlite') })
        void reader.loadDoc(boardId).then((stored) => {
          const d = new Y.Doc()
          applyStoredDoc(d, stored!)
          storedWhenEchoed = d.getMap('test').get('shape:x') === 42
          void reader.close()
        })
      }
    })
    sock.ws.send(frame)
    await waitFor(() => storedWhenEchoed !== null, 'the echo')
    expect(storedWhenEchoed).toBe(true)
    sock.ws.close()
  })

  it('[S7] a restart keeps everything', async () => {
    const a = client()
    await a.synced()
    const records = a.doc.getMap('test')
    for (let i = 0; i < 50; i++) records.set(`shape:${i}`, { x: i })
    const b = client()
    await waitFor(() => b.doc.getMap('test').size === 50, 'relay before restart')
    for (const c of clients) c.destroy()
    clients = []
    const dataDir = srv.dataDir
    await srv.stop()
    srv = await startTestServer({ dataDir })
    const c = client()
    await c.synced()
    await waitFor(() => c.doc.getMap('test').size === 50, 'all 50 shapes after restart')
    expect(c.doc.getMap('test').get('shape:49')).toEqual({ x: 49 })
  })

  it('[S8] relays awareness and removes it for others when a client disconnects', async () => {
    const a = client()
    const b = client()
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalState({ user: { name: 'Ada' } })
    const aId = a.doc.clientID
    await waitFor(() => b.provider.awareness.getStates().has(aId), 'b to see a')
    expect(b.provider.awareness.getStates().get(aId)).toEqual({ user: { name: 'Ada' } })
    // A late joiner gets the current states on join.
    const c = client()
    await waitFor(() => c.provider.awareness.getStates().has(aId), 'c to see a')
    // Kill a's socket without a goodbye (no awareness removal from the client itself).
    a.provider.ws!.onclose = null
    ;(a.provider.ws as unknown as { terminate(): void }).terminate()
    a.provider.shouldConnect = false
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 'a removed for b')
    await waitFor(() => !c.provider.awareness.getStates().has(aId), 'a removed for c')
  })

  it('[S11] sends a keep-alive the client accepts as a message', async () => {
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await sock.opened
    await waitFor(() => srv.overlap.rooms.connectionCount() === 1, 'connection')
    await waitFor(() => sock.frames.length >= 1, 'server step 1')
    const before = sock.frames.length
    srv.clock.tick(15_000)
    await waitFor(() => sock.frames.length > before, 'keep-alive')
    expect(sock.frames.at(-1)).toEqual(KEEPALIVE_FRAME)
    // A real client treats it as a harmless awareness message.
    const a = client()
    await a.synced()
    const changes: unknown[] = []
    a.provider.awareness.on('change', (c: unknown) => changes.push(c))
    const last = a.provider.wsLastMessageReceived
    srv.clock.tick(15_000)
    await waitFor(() => a.provider.wsLastMessageReceived >= last, 'client saw the keep-alive')
    expect(changes).toEqual([])
    sock.ws.close()
  })

  it('[S14] queues messages that arrive while the room loads and replays them in order', async () => {
    // Nothing is loaded yet (no one connected): the first frames hit a loading room.
    expect(srv.overlap.rooms.roomCount()).toBe(0)
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await sock.opened
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    const arr = doc.getArray<number>('order')
    for (let i = 0; i < 20; i++) arr.push([i])
    for (const u of updates) sock.ws.send(encodeUpdate(u))
    sock.ws.send(encodeSyncStep1(new Y.Doc()))
    const reader = client()
    await waitFor(() => reader.doc.getArray('order').length === 20, 'all queued updates')
    expect(reader.doc.getArray('order').toArray()).toEqual([...Array(20).keys()])
    sock.ws.close()
  })

  it('[S8] removes presence of a client that announced several awareness ids', async () => {
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await sock.opened
    const b = client()
    await b.synced()
    const fake = new Y.Doc()
    const aw = new awarenessProtocol.Awareness(fake)
    aw.setLocalState({ user: 'ghost' })
    const update = awarenessProtocol.encodeAwarenessUpdate(aw, [fake.clientID])
    aw.destroy()
    sock.ws.send(new Uint8Array([1, ...encodeLen(update.length), ...update]))
    await waitFor(() => b.provider.awareness.getStates().has(fake.clientID), 'ghost visible')
    sock.ws.close()
    await waitFor(() => !b.provider.awareness.getStates().has(fake.clientID), 'ghost removed')
  })
})

describe('[S8] awareness: own ids only, bounded', () => {
  /** An awareness message with these raw entries (JSON text as given), sent from a viewer's socket. */
  const awarenessFrame = (entries: Array<[number, number, string]>) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, entries.length)
    for (const [id, clock, json] of entries) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, clock)
      encoding.writeVarString(e, json)
    }
    const inner = encoding.toUint8Array(e)
    const outer = encoding.createEncoder()
    encoding.writeVarUint(outer, 1)
    encoding.writeVarUint8Array(outer, inner)
    return encoding.toUint8Array(outer)
  }
  /** Resolves once the server has handled everything `sock` sent so far (its answer to a step 1 is back). */
  const processed = async (sock: ReturnType<typeof rawSocket>) => {
    const answers = () => sock.frames.filter((f) => f[0] === 0 && f[1] === 1).length
    const before = answers()
    sock.ws.send(encodeSyncStep1(new Y.Doc()))
    await waitFor(() => answers() > before, 'the server to answer step 1')
  }
  const viewerSocket = async () => {
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}?token=${tokensFor(boardId).view}`)
    await sock.opened
    return sock
  }

  it('[S8] a state nested 10,000 deep is dropped, whoever sends it: the server lives on and the next joiner syncs (it used to end the process)', async () => {
    const ann = await viewerSocket()
    ann.ws.send(awarenessFrame([[4242, 1, '{"user":{"name":"Ann"}}']]))
    const deep = '{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'
    // Another socket for Ann's id, then Ann herself: neither deep state is taken.
    const eve = await viewerSocket()
    eve.ws.send(awarenessFrame([[4242, 2, deep]]))
    await processed(eve)
    ann.ws.send(awarenessFrame([[4242, 3, deep]]))
    await processed(ann)
    const next = client()
    await next.synced()
    await waitFor(() => next.provider.awareness.getStates().has(4242), 'the joiner sees Ann')
    expect(next.provider.awareness.getStates().get(4242)).toEqual({ user: { name: 'Ann' } })
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200)
    ann.ws.close()
    eve.ws.close()
  })

  it("[S8] nobody can rewrite or remove another connection's presence", async () => {
    const fay = client()
    await fay.synced()
    fay.provider.awareness.setLocalState({ user: { name: 'Fay' } })
    const fayId = fay.doc.clientID
    const bob = client()
    await waitFor(() => bob.provider.awareness.getStates().has(fayId), 'bob sees fay')
    const clock = fay.provider.awareness.meta.get(fayId)!.clock
    const eve = await viewerSocket()
    eve.ws.send(awarenessFrame([[fayId, clock + 5, '{"user":{"name":"Fay (hacked by a viewer)"}}']]))
    eve.ws.send(awarenessFrame([[fayId, clock + 6, 'null']]))
    // Something that does get through afterwards shows the forgeries were handled before it.
    eve.ws.send(awarenessFrame([[777, 1, '{"user":{"name":"Eve"}}']]))
    await waitFor(() => bob.provider.awareness.getStates().has(777), 'bob sees eve')
    expect(bob.provider.awareness.getStates().get(fayId)).toEqual({ user: { name: 'Fay' } })
    expect(fay.provider.awareness.getLocalState()).toEqual({ user: { name: 'Fay' } })
    eve.ws.close()
  })

  it("[S8] a tab back on a new socket while its old one is silently dead gets its presence back within seconds (the old socket is probed and dropped)", async () => {
    const observer = client()
    await observer.synced()
    const old = await viewerSocket()
    old.ws.send(awarenessFrame([[5555, 1, '{"user":{"name":"Ann"}}']]))
    await waitFor(() => observer.provider.awareness.getStates().has(5555), 'observer sees Ann')
    // The laptop sleeps: its socket stops reading (no pong), and the server has not noticed yet.
    ;(old.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    const back = await viewerSocket()
    back.ws.send(awarenessFrame([[5555, 3, '{"user":{"name":"Ann (back)"}}']]))
    await waitFor(
      () => (observer.provider.awareness.getStates().get(5555) as { user?: { name?: string } } | undefined)?.user?.name === 'Ann (back)',
      'Ann seen again from her new socket',
      8000
    )
    back.ws.close()
  })

  it('[S8] one socket cannot flood the board: at most 4 ids, 512 KiB each, and joiners still sync', async () => {
    const eve = await viewerSocket()
    const big = (n: number) => JSON.stringify({ pad: 'x'.repeat(n) })
    // Twelve 7 MB states (each message under the 8 MiB limit), then many small ids.
    for (let i = 0; i < 12; i++) eve.ws.send(awarenessFrame([[9000 + i, 1, big(7_000_000)]]))
    eve.ws.send(awarenessFrame(Array.from({ length: 1000 }, (_, i) => [10_000 + i, 1, '{}'] as [number, number, string])))
    eve.ws.send(awarenessFrame([[20_000, 1, '{"user":{"name":"last"}}']]))
    await processed(eve)
    const joiner = client()
    await joiner.synced()
    await waitFor(() => joiner.provider.awareness.getStates().size > 0, 'the joiner gets the admitted states')
    const ids = [...joiner.provider.awareness.getStates().keys()].filter((id) => id !== joiner.doc.clientID)
    expect(ids.every((id) => id >= 10_000 && id < 10_004)).toBe(true)
    expect(ids.length).toBeLessThanOrEqual(4)
    eve.ws.close()
  })
})

describe('board ids on the socket', () => {
  it('[S2] an unknown board closes with 4404 and creates nothing', async () => {
    const id = generateBoardId()
    const c = client(id)
    const closed = await withTimeout(
      new Promise<{ code: number; reason: string }>((resolve) => c.provider.once('closed', (e) => resolve(e))),
      5000,
      'closed event'
    )
    expect(closed.code).toBe(CloseCode.NotFound)
    expect(c.provider.shouldConnect).toBe(false)
    expect(await srv.storage.getBoard(id)).toBeNull()
    expect(srv.overlap.rooms.roomCount()).toBe(0)
  })

  it('[S39] a socket that comes back to a board that refused it is held longer each time before its 4404', async () => {
    // What y-websocket 1.x and 2.x do: reconnect 100 ms after every close, forever.
    const url = `${srv.wsOrigin}/sync/${generateBoardId()}`
    const heldFor: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      const sock = rawSocket(url)
      expect((await withTimeout(sock.closed, 5000, `refusal ${i + 1}`)).code).toBe(CloseCode.NotFound)
      heldFor.push(performance.now() - started)
    }
    // Lower bounds only: the pacer's 500 ms, then 1 s (refusalPacer.test.ts has the exact rule).
    expect(heldFor[1]).toBeGreaterThanOrEqual(490)
    expect(heldFor[2]).toBeGreaterThanOrEqual(990)
  })

  it.each([['short'], ['AAAAAAAAAAAAAAAAAAAAA.'], ['..%2F..%2Fetc%2Fpasswd']])(
    '[S1] a malformed board id (%s) closes with 4404 before storage',
    async (id) => {
      const sock = rawSocket(`${srv.wsOrigin}/sync/${id}`)
      expect((await withTimeout(sock.closed, 5000, 'close')).code).toBe(CloseCode.NotFound)
      expect(srv.overlap.rooms.roomCount()).toBe(0)
    }
  )

  it('[S1] other upgrade paths are refused with HTTP 404', async () => {
    const sock = rawSocket(`${srv.wsOrigin}/elsewhere/${boardId}`)
    await expect(sock.opened).rejects.toThrow(/404/)
  })
})

function encodeLen(n: number): number[] {
  const out: number[] = []
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  out.push(n)
  return out
}

describe('[S6] the flush after a relay (SYNC_AFTER_RELAY_MS)', () => {
  /** ms from sending an update to its echo, with a second connection on the board; and when that one got it. */
  async function echoTiming(env: Record<string, string>) {
    const server = await startTestServer({ env })
    try {
      const id = await server.createBoard()
      const reader = connectClient(server.wsOrigin, id)
      await reader.synced()
      const sock = rawSocket(`${server.wsOrigin}/sync/${id}`)
      await sock.opened
      await waitFor(() => sock.frames.length >= 1, 'server step 1')
      const doc = new Y.Doc()
      doc.getMap('test').set('shape:x', 7)
      const frame = encodeUpdate(Y.encodeStateAsUpdate(doc))
      let relayedAt = 0
      let echoedAt = 0
      reader.doc.getMap('test').observe(() => (relayedAt ||= performance.now()))
      sock.ws.on('message', (data: Buffer) => {
        if (!echoedAt && Buffer.compare(data, Buffer.from(frame)) === 0) echoedAt = performance.now()
      })
      const sent = performance.now()
      sock.ws.send(frame)
      await waitFor(() => echoedAt > 0 && relayedAt > 0, 'the relay and the echo')
      sock.ws.close()
      reader.destroy()
      return { echo: echoedAt - sent, relay: relayedAt - sent }
    } finally {
      await server.stop()
    }
  }

  it('[S6] FULL: with someone else on the board, the echo waits for the flush that long; the relay does not', async () => {
    const t = await echoTiming({ SQLITE_SYNCHRONOUS: 'FULL', SYNC_AFTER_RELAY_MS: '900' })
    expect(t.echo).toBeGreaterThanOrEqual(850)
    expect(t.relay).toBeLessThan(600)
  })

  it('[S6] NORMAL flushes in the background: the echo does not wait for the flush after a relay', async () => {
    const t = await echoTiming({ SQLITE_SYNCHRONOUS: 'NORMAL', SYNC_AFTER_RELAY_MS: '900' })
    expect(t.echo).toBeLessThan(600)
  })
})
