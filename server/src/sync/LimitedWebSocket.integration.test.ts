/**
 * LimitedWebSocket leans on ws internals (writeFrame): these tests pin what it relies on, with a
 * real ws server and client on loopback, so a ws upgrade that changes them fails here instead of
 * silently falling back to the slower path, or worse, reordering frames.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { CloseCode } from '@overlap/shared'
import { LimitedWebSocket } from './LimitedWebSocket.js'
import { encodeBinaryFrame } from './binaryFrame.js'

let server: WebSocketServer | null = null
const clients: WebSocket[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = null
})

/** A connected pair: the server side as LimitedWebSocket, the client an unmodified ws client. */
async function pair(opts: { deflate?: boolean; maxPayload?: number } = {}) {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    WebSocket: LimitedWebSocket,
    perMessageDeflate: opts.deflate ? { threshold: 0 } : false,
    ...(opts.maxPayload ? { maxPayload: opts.maxPayload } : {}),
  })
  server = wss
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const accepted = new Promise<LimitedWebSocket>((resolve) =>
    wss.once('connection', (ws) => {
      // ws reports a refused frame as an 'error' before closing (the endpoint logs it).
      ws.on('error', () => {})
      resolve(ws)
    })
  )
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, {
    perMessageDeflate: !!opts.deflate,
  })
  clients.push(client)
  const received: Buffer[] = []
  client.on('message', (data: Buffer) => received.push(data))
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve())
    client.once('error', reject)
  })
  return { serverSide: await accepted, client, received }
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('LimitedWebSocket.writeFrame', () => {
  it('writes a prebuilt frame on an idle socket, in order with ws.send', async () => {
    const { serverSide, received } = await pair()
    serverSide.send(Buffer.from([1]))
    expect(serverSide.writeFrame(encodeBinaryFrame(new Uint8Array([2, 2])))).toBe(true)
    serverSide.send(Buffer.from([3, 3, 3]))
    expect(serverSide.writeFrame(encodeBinaryFrame(new Uint8Array(300).fill(4)))).toBe(true)
    await until(() => received.length === 4, 'four messages')
    expect(received.map((m) => [m.length, m[0]])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [300, 4],
    ])
  })

  it('refuses while ws is compressing, so a frame never overtakes one ws has queued', async () => {
    const { serverSide, received } = await pair({ deflate: true })
    // Compression is asynchronous: until it ends, ws's sender holds this message in its queue.
    serverSide.send(Buffer.alloc(64 * 1024, 7))
    expect(serverSide.writeFrame(encodeBinaryFrame(new Uint8Array([9])))).toBe(false)
    serverSide.send(Buffer.from([9]))
    await until(() => received.length === 2, 'two messages')
    expect(received.map((m) => m.length)).toEqual([64 * 1024, 1])
  })

  it('rewrites ws close 1009 (frame too big) to MessageTooLarge [S9]', async () => {
    const { client } = await pair({ maxPayload: 16 })
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)))
    client.send(Buffer.alloc(17))
    expect(await closed).toBe(CloseCode.MessageTooLarge)
  })
})
