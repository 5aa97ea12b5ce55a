/**
 * The first thing a board link does, before any of the app's JavaScript has loaded: open the board's
 * socket and ask for the board. The build writes this function into index.html as an inline script
 * (`client/vite/inlineEarlySocket.ts`), so it must stay self-contained: no imports, no helpers from outside
 * its body. `earlySocket.ts` hands the socket to the y-websocket provider once the app is up.
 *
 * Why (first paint, issue 2): on a fresh visit the app's socket used to open only after the entry
 * chunk, the connection chunk and IndexedDB had all answered, while tldraw's 1.8 MB was being
 * evaluated on the same thread: the board's first bytes came ~500 ms after navigation. From here the
 * handshake and the server's answer run beside all of that.
 *
 * Only for a first visit with a link (`/b/<id>?token=…`, no token remembered for the board in this
 * browser): a returning browser may hold the board in IndexedDB, and its first sync step 1 must
 * carry that copy's state vector so the server sends only what it lacks. Here the doc is empty, so
 * the script sends the empty step 1 itself; the provider's identical one is dropped.
 */

/** What the inline script leaves on `window.__overlapEarlySocket` for the app to adopt. */
export interface EarlySocketSlot {
  /** Exactly the URL y-websocket would open (`<sync base>/<boardId>?token=<token>`). */
  readonly url: string
  readonly ws: WebSocket
  /** Events that arrived before the app adopted the socket, in order. */
  readonly queue: Event[]
  /** Set on adoption: events from then on go straight to the adopter. */
  deliver: ((event: Event) => void) | null
  /** The script has sent the empty sync step 1 (`[0, 0, 1, 0]`). */
  sentSyncStep1: boolean
}

export interface EarlySocketWindow {
  location: { pathname: string; search: string; protocol: string; host: string }
  localStorage: { getItem(key: string): string | null }
  WebSocket: new (url: string) => WebSocket
  setTimeout(fn: () => void, ms: number): unknown
  __overlapEarlySocket?: EarlySocketSlot
}

export function openEarlySocket(win: EarlySocketWindow): void {
  try {
    // Same shapes as shared/src/boardId.ts and access.ts; a mismatch only means no early socket.
    const route = /^\/b\/([A-Za-z0-9_-]{22})\/?$/.exec(win.location.pathname)
    const token = /(?:^\?|&)token=([A-Za-z0-9_-]{43})(?:&|$)/.exec(win.location.search)
    if (route === null || token === null) return
    const boardId = route[1]
    // Key of client/src/access/boardAccess.ts: set on every visit, so its absence means a first one.
    if (win.localStorage.getItem('overlap:token:' + boardId) !== null) return
    const url = (win.location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + win.location.host + '/sync/' + boardId + '?token=' + token[1]
    const ws = new win.WebSocket(url)
    ws.binaryType = 'arraybuffer'
    const slot: EarlySocketSlot = { url, ws, queue: [], deliver: null, sentSyncStep1: false }
    const onEvent = (event: Event) => {
      if (event.type === 'open') {
        // y-websocket sync message, step 1, with an empty state vector: "send me the whole board".
        ws.send(new Uint8Array([0, 0, 1, 0]))
        slot.sentSyncStep1 = true
      }
      if (slot.deliver) slot.deliver(event)
      else slot.queue.push(event)
    }
    ws.addEventListener('open', onEvent)
    ws.addEventListener('message', onEvent)
    ws.addEventListener('error', onEvent)
    ws.addEventListener('close', onEvent)
    win.__overlapEarlySocket = slot
    // Not adopted within 20 s (the page went elsewhere, or never needed the board): closed.
    win.setTimeout(() => {
      if (slot.deliver !== null) return
      if (win.__overlapEarlySocket === slot) delete win.__overlapEarlySocket
      ws.close()
    }, 20_000)
  } catch {
    // No socket, no storage: the app connects the usual way.
  }
}

declare global {
  interface Window {
    __overlapEarlySocket?: EarlySocketSlot
  }
}
