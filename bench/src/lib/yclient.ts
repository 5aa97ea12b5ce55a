/**
 * y-websocket 3.1 clients in Node, with `ws` as the WebSocket implementation and byte counters:
 * `messageBytes` counts WebSocket message payloads as delivered to the app (after any
 * decompression); `wireBytesRead` counts what the TCP socket actually received (HTTP upgrade
 * response, frame headers and — if negotiated — compressed payloads).
 */
import type { Socket } from 'node:net'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { boardToken } from './boards.js'

// Every y-websocket provider adds a process 'exit' listener; 50 readers are expected here.
process.setMaxListeners(0)

export interface SocketStats {
  messagesIn: number
  messageBytes: number
  wireBytesRead: number
  /** Sync "update" messages received (type 0, sub-type 2): echoes and relayed edits. */
  syncUpdatesIn: number
  /** The negotiated extensions header, e.g. "permessage-deflate"; "" when none. */
  extensions: string
  /** Called for every incoming message (after counting). */
  onMessage?: (data: Uint8Array) => void
}

export function newStats(): SocketStats {
  return { messagesIn: 0, messageBytes: 0, wireBytesRead: 0, syncUpdatesIn: 0, extensions: '' }
}

/** A WebSocket class bound to `stats`, for y-websocket's `WebSocketPolyfill` option. */
export function countingWebSocket(stats: SocketStats, offerDeflate = true): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      // Node's ws offers permessage-deflate by default, as browsers do; `offerDeflate: false` does not.
      super(address, protocols, { perMessageDeflate: offerDeflate })
      let tcp: Socket | null = null
      this.on('upgrade', (res) => {
        tcp = res.socket as Socket
      })
      this.on('open', () => {
        stats.extensions = this.extensions
      })
      const sample = () => {
        if (tcp) stats.wireBytesRead = tcp.bytesRead
      }
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const buf =
          data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : Array.isArray(data)
              ? new Uint8Array(Buffer.concat(data))
              : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        stats.messagesIn++
        stats.messageBytes += buf.byteLength
        if (buf[0] === 0 && buf[1] === 2) stats.syncUpdatesIn++
        sample()
        stats.onMessage?.(buf)
      })
      this.on('close', sample)
    }
  } as unknown as typeof WebSocket
}

export interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  stats: SocketStats
  /** Resolves once the first sync (server's step 2) arrived. */
  synced: Promise<void>
  destroy(): void
}

export interface ConnectOptions {
  doc?: Y.Doc
  stats?: SocketStats
  timeoutMs?: number
  /** Offer permessage-deflate (default true, like a browser). */
  offerDeflate?: boolean
}

export function connectClient(serverUrl: string, room: string, opts: ConnectOptions = {}): Client {
  const doc = opts.doc ?? new Y.Doc()
  const stats = opts.stats ?? newStats()
  const token = boardToken(room)
  const provider = new WebsocketProvider(serverUrl, room, doc, {
    ...(token ? { params: { token } } : {}),
    WebSocketPolyfill: countingWebSocket(stats, opts.offerDeflate ?? true) as never,
    // Clients in one process must talk through the server, not through a BroadcastChannel.
    disableBc: true,
  })
  const timeoutMs = opts.timeoutMs ?? 30_000
  const synced = new Promise<void>((resolve, reject) => {
    if (provider.synced) return resolve()
    const timer = setTimeout(() => reject(new Error(`client for ${room} not synced after ${timeoutMs} ms`)), timeoutMs)
    const onSync = (s: boolean) => {
      if (!s) return
      clearTimeout(timer)
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc,
    provider,
    stats,
    synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until `cond()` holds, checking after each incoming message and on a short interval. */
export function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (cond()) return resolve()
    const started = Date.now()
    const iv = setInterval(() => {
      if (cond()) {
        clearInterval(iv)
        resolve()
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(iv)
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))
      }
    }, 2)
  })
}
