/**
 * A tldraw-sync client in plain Node, for the load benchmark's reference: `@tldraw/sync-core`'s own
 * `TLSyncClient` and `ClientWebSocketAdapter` (as `useSync` uses them in a browser) on a headless
 * tldraw store that validates every record, as ours does. Timed from the socket's creation to
 * `onLoad` (the connect message parsed and its records in the store).
 *
 * The adapter expects a browser: a global WebSocket (here `ws`'s, counting received bytes), and
 * `window`/`document`/`navigator` for its online/visibility hints (inert stand-ins here).
 */
import * as syncCore from '@tldraw/sync-core'
import { atom } from '@tldraw/state'
import { WebSocket as NodeWebSocket } from 'ws'
import { createHeadlessStore } from '@overlap/shared'
import './storeLoader.js' // its requestAnimationFrame stand-in: tldraw's store batches per frame

const g = globalThis as Record<string, unknown>
g.window ??= Object.assign(new EventTarget(), { devicePixelRatio: 1 }) // read by tldraw's instance defaults
g.document ??= Object.assign(new EventTarget(), { hidden: false })
g.navigator ??= {}

let bytesIn = 0
class CountingWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url)
    this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      bytesIn += Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : 'byteLength' in data ? data.byteLength : 0
    })
  }
}
g.WebSocket = CountingWebSocket

// Exported at run time, left out of 5.4.2's public types.
const { ClientWebSocketAdapter } = syncCore as unknown as {
  ClientWebSocketAdapter: new (getUri: () => string) => syncCore.TLPersistentClientSocket<never, never> & { close(): void }
}

export interface TlsyncJoin {
  loadedMs: number
  messageBytes: number
  shapes: number
}

export function joinTlsync(connectUrl: string, timeoutMs = 60_000): Promise<TlsyncJoin> {
  const store = createHeadlessStore()
  const before = bytesIn
  const started = performance.now()
  const socket = new ClientWebSocketAdapter(() => `${connectUrl}?sessionId=${crypto.randomUUID()}`)
  return new Promise<TlsyncJoin>((resolve, reject) => {
    let client: { close(): void } | null = null
    const done = (fn: () => void) => {
      clearTimeout(timer)
      client?.close()
      socket.close()
      store.dispose()
      fn()
    }
    const timer = setTimeout(() => done(() => reject(new Error(`tldraw sync client did not load within ${timeoutMs} ms`))), timeoutMs)
    client = new syncCore.TLSyncClient({
      store,
      socket,
      presence: atom('bench presence', null),
      onLoad: () => {
        const loadedMs = performance.now() - started
        const shapes = store.allRecords().filter((r) => r.typeName === 'shape').length
        done(() => resolve({ loadedMs, messageBytes: bytesIn - before, shapes }))
      },
      onSyncError: (reason) => done(() => reject(new Error(`tldraw sync error: ${reason}`))),
    })
  })
}
