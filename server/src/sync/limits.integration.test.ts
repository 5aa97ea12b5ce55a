import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { CloseCode, type BoardId } from '@overlap/shared'
import { connectClient, rawSocket, startTestServer, waitFor, withTimeout, type TestClient, type TestServer } from '../testing/harness.js'
import { encodeUpdate } from '../rooms/messages.js'
import { createLogger } from '../log.js'

const MAX_MESSAGE_BYTES = 64 * 1024

/** Client 33: [1] in the root array "arr", then a deleted run of length 0 (well-formed V1 bytes). */
const ZERO_LENGTH_STRUCT = Buffer.from('01022100080103617272017d010101036172720000', 'hex')

let srv: TestServer
let boardId: BoardId
let observer: TestClient
let writer: TestClient
let logLines: Record<string, unknown>[]

beforeEach(async () => {
  logLines = []
  srv = await startTestServer({
    env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) },
    log: createLogger({ level: 'debug', write: (l) => logLines.push(JSON.parse(l) as Record<string, unknown>) }),
  })
  boardId = await srv.createBoard()
  writer = connectClient(srv.wsOrigin, boardId)
  observer = connectClient(srv.wsOrigin, boardId)
  await Promise.all([writer.synced(), observer.synced()])
})
afterEach(async () => {
  writer.destroy()
  observer.destroy()
  await srv.stop()
})

/** The board keeps syncing between the two well-behaved clients. */
async function boardStillSyncs(tag: string) {
  writer.doc.getMap('records').set(`after:${tag}`, true)
  await waitFor(() => observer.doc.getMap('records').get(`after:${tag}`) === true, `sync after ${tag}`)
  expect(writer.closes).toEqual([])
  expect(observer.closes).toEqual([])
}

async function storedUpdateCount(): Promise<number> {
  return (await srv.storage.loadDoc(boardId))!.updates.length
}

function sampleUpdate(): Uint8Array {
  const d = new Y.Doc()
  for (let i = 0; i < 30; i++) d.getMap('records').set(`shape:${i}`, 'x'.repeat(20))
  return Y.encodeStateAsUpdate(d)
}

describe('limits: a bad frame closes only its own connection', () => {
  it('[S10] random bytes → 4400, logged, nothing stored, others carry on', async () => {
    const before = await storedUpdateCount()
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send(new Uint8Array([0, 2, 200, 1, 7, 7, 7, 250, 13]))
    const closed = await withTimeout(attacker.closed, 5000, 'attacker close')
    expect(closed).toEqual({ code: CloseCode.MalformedMessage, reason: 'malformed message' })
    expect(logLines.some((l) => l.msg === 'malformed message' && l.boardId === boardId)).toBe(true)
    expect(await storedUpdateCount()).toBe(before)
    await boardStillSyncs('random')
  })

  it('[S10] a truncated update → 4400, never stored', async () => {
    const before = await storedUpdateCount()
    const frame = encodeUpdate(sampleUpdate())
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send(frame.slice(0, frame.length - 7))
    expect((await withTimeout(attacker.closed, 5000, 'close')).code).toBe(CloseCode.MalformedMessage)
    expect(await storedUpdateCount()).toBe(before)
    await boardStillSyncs('truncated')
  })

  it('[S10] an update frame whose payload is corrupt inside → 4400, never stored', async () => {
    const before = await storedUpdateCount()
    const update = sampleUpdate()
    // Valid frame header and length, garbage where the structs are.
    const corrupt = update.slice()
    corrupt.fill(0xff, 3, 40)
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send(encodeUpdate(corrupt))
    expect((await withTimeout(attacker.closed, 5000, 'close')).code).toBe(CloseCode.MalformedMessage)
    expect(await storedUpdateCount()).toBe(before)
    await boardStillSyncs('corrupt')
  })

  it.each([
    [
      'a delete range of length 0',
      'has length 0',
      () => {
        // The delete set names the writer's first item with a range of length 0: well-formed V1 bytes.
        const e = encoding.createEncoder()
        for (const n of [0, 1, writer.doc.clientID, 1, 0, 0]) encoding.writeVarUint(e, n)
        return encoding.toUint8Array(e)
      },
    ],
    ['one zero-length struct: the 24-byte frame that once broke a board for good', 'struct 33:1 has length 0', () => ZERO_LENGTH_STRUCT],
  ])('[S16] an update that decodes but that Yjs cannot integrate (%s) → 4400, never stored; joiners still load the board', async (_what, reason, build) => {
    const before = await storedUpdateCount()
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send(encodeUpdate(build()))
    expect((await withTimeout(attacker.closed, 5000, 'close')).code).toBe(CloseCode.MalformedMessage)
    expect(logLines.some((l) => l.msg === 'malformed message' && String(l.reason).includes(reason))).toBe(true)
    expect(await storedUpdateCount()).toBe(before)
    await boardStillSyncs('unintegrable')
    const joiner = connectClient(srv.wsOrigin, boardId)
    await joiner.synced()
    expect(joiner.doc.getMap('records').get('after:unintegrable')).toBe(true)
    joiner.destroy()
  })

  it('[S38] a board whose stored log already holds such an update (stored before [S16] refused it) opens without it, logged', async () => {
    const other = await srv.createBoard('stored before the check')
    const good = new Y.Doc()
    good.getMap('records').set('shape:kept', 'yes')
    // Straight into storage, as an older server stored it; no room of this board is loaded.
    await srv.storage.appendUpdates([
      { boardId: other, update: ZERO_LENGTH_STRUCT },
      { boardId: other, update: Y.encodeStateAsUpdate(good) },
    ])
    const reader = connectClient(srv.wsOrigin, other)
    try {
      await reader.synced()
      expect(reader.doc.getMap('records').get('shape:kept')).toBe('yes')
      expect(reader.closes).toEqual([])
      expect(logLines.some((l) => l.msg === 'stored updates left out: Yjs cannot integrate them' && l.boardId === other && l.skipped === 1)).toBe(true)
      // Its writes still reach a second client.
      const second = connectClient(srv.wsOrigin, other)
      try {
        await second.synced()
        reader.doc.getMap('records').set('shape:new', 1)
        await waitFor(() => second.doc.getMap('records').get('shape:new') === 1, 'a new edit relayed')
      } finally {
        second.destroy()
      }
    } finally {
      reader.destroy()
    }
  })

  it.each([
    ['unknown message type', [42, 0]],
    ['auth message from a client', [2, 0, 0]],
    ['empty frame', []],
  ])('[S10] %s → 4400', async (_label, bytes) => {
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send(new Uint8Array(bytes))
    expect((await withTimeout(attacker.closed, 5000, 'close')).code).toBe(CloseCode.MalformedMessage)
    await boardStillSyncs('type')
  })

  it('[S10] a text frame → 4400', async () => {
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    attacker.ws.send('hello')
    expect((await withTimeout(attacker.closed, 5000, 'close')).code).toBe(CloseCode.MalformedMessage)
    await boardStillSyncs('text')
  })

  it('[S9] an oversized frame → 4413 for that connection only', async () => {
    const attacker = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await attacker.opened
    // Incompressible so that permessage-deflate cannot shrink it under the limit.
    const big = new Uint8Array(MAX_MESSAGE_BYTES + 1)
    for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536))
    attacker.ws.send(big)
    expect(await withTimeout(attacker.closed, 5000, 'close')).toEqual({
      code: CloseCode.MessageTooLarge,
      reason: 'message too large',
    })
    await boardStillSyncs('oversized')
  })

  it('[S9] a frame just under the limit is accepted', async () => {
    const d = new Y.Doc()
    d.getMap('records').set('big', 'y'.repeat(MAX_MESSAGE_BYTES - 200))
    const frame = encodeUpdate(Y.encodeStateAsUpdate(d))
    expect(frame.byteLength).toBeLessThanOrEqual(MAX_MESSAGE_BYTES)
    const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await sock.opened
    sock.ws.send(frame)
    await waitFor(() => observer.doc.getMap('records').has('big'), 'big update relayed')
    sock.ws.close()
  })

  it('[S10] the y-websocket client that sent garbage reconnects and syncs again (4400 is per connection)', async () => {
    const victim = connectClient(srv.wsOrigin, boardId)
    try {
      await victim.synced()
      victim.provider.ws!.send(new Uint8Array([9, 9, 9]))
      await waitFor(() => victim.closes.some((c) => c.code === CloseCode.MalformedMessage), 'victim closed')
      await boardStillSyncs('victim')
    } finally {
      victim.destroy()
    }
  })
})
