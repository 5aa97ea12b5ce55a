/**
 * Adopting the socket that index.html's inline script opened (`earlySocketScript.ts`) as the
 * y-websocket provider's first WebSocket. The provider is given `webSocketClass(window)` as its
 * `WebSocketPolyfill`: its first `new` for the early socket's exact URL gets the adopted socket,
 * every other (a reconnect, another board) a plain WebSocket.
 *
 * y-websocket sets `onopen`/`onmessage`/… right after `new`; what the socket saw before that is
 * handed to those handlers on the next microtask, in order, then events flow straight through.
 */
import type { EarlySocketSlot, EarlySocketWindow } from './earlySocketScript'

type Handler = ((event: Event) => void) | null

/** The empty sync step 1 the inline script sent; the provider's first identical one is a repeat. */
function isEmptySyncStep1(data: unknown): boolean {
  if (!(data instanceof Uint8Array || data instanceof ArrayBuffer)) return false
  const b = data instanceof Uint8Array ? data : new Uint8Array(data)
  return b.length === 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0
}

/** The part of WebSocket that y-websocket uses, over the early socket. */
export class AdoptedSocket {
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  onopen: Handler = null
  onmessage: Handler = null
  onerror: Handler = null
  onclose: Handler = null
  private repeatDropped = false

  constructor(private readonly slot: EarlySocketSlot) {
    queueMicrotask(() => {
      const missed = slot.queue.splice(0)
      slot.deliver = (event) => this.dispatch(event)
      for (const event of missed) this.dispatch(event)
    })
  }

  get readyState(): number {
    return this.slot.ws.readyState
  }
  get binaryType(): BinaryType {
    return this.slot.ws.binaryType
  }
  set binaryType(value: BinaryType) {
    this.slot.ws.binaryType = value
  }

  send(data: Uint8Array | ArrayBuffer | string): void {
    if (!this.repeatDropped && this.slot.sentSyncStep1 && isEmptySyncStep1(data)) {
      // The server is already answering the script's step 1; a second would send the board twice.
      this.repeatDropped = true
      return
    }
    this.slot.ws.send(data as ArrayBufferView<ArrayBuffer>)
  }

  close(code?: number, reason?: string): void {
    this.slot.ws.close(code, reason)
  }

  private dispatch(event: Event): void {
    const handler = event.type === 'open' ? this.onopen : event.type === 'message' ? this.onmessage : event.type === 'error' ? this.onerror : event.type === 'close' ? this.onclose : null
    handler?.call(this, event)
  }
}

/** The early socket for exactly `url`, taken off the window (once); null if there is none. */
export function adoptEarlySocket(win: Pick<EarlySocketWindow, '__overlapEarlySocket'>, url: string): AdoptedSocket | null {
  const slot = win.__overlapEarlySocket
  if (!slot || slot.url !== url) return null
  delete win.__overlapEarlySocket
  return new AdoptedSocket(slot)
}

/** Whether an early socket for `url` is waiting (the app may then connect without waiting for IndexedDB). */
export function hasEarlySocket(win: Pick<EarlySocketWindow, '__overlapEarlySocket'>, url: string): boolean {
  return win.__overlapEarlySocket?.url === url
}

/**
 * A WebSocket class for the provider: adopts the early socket for its URL, else a real WebSocket.
 * An early socket for another URL (a different token) is closed: nobody will adopt it.
 */
export function webSocketClass(win: Pick<EarlySocketWindow, '__overlapEarlySocket'> & { WebSocket: typeof WebSocket }): typeof WebSocket {
  const Real = win.WebSocket
  function EarlyFirstWebSocket(url: string | URL, protocols?: string | string[]): WebSocket | AdoptedSocket {
    const href = String(url)
    const adopted = adoptEarlySocket(win, href)
    if (adopted) return adopted
    const stale = win.__overlapEarlySocket
    if (stale) {
      delete win.__overlapEarlySocket
      stale.ws.close()
    }
    return new Real(href, protocols)
  }
  // y-websocket compares readyState with `WebSocket.OPEN` (the global) and `ws.OPEN` (the instance).
  return Object.assign(EarlyFirstWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 }) as unknown as typeof WebSocket
}
