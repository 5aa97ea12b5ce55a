/**
 * The early socket (first paint, issue 2): index.html's inline script opens a first visit's socket
 * and asks for the whole board; the provider adopts it without losing or repeating anything.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { adoptEarlySocket, hasEarlySocket, webSocketClass } from './earlySocket'
import { openEarlySocket, type EarlySocketWindow } from './earlySocketScript'
import { rememberToken } from '../access/boardAccess'

const BOARD = 'AAAAAAAAAAAAAAAAAAAAAA'
const TOKEN = 'T'.repeat(43)

/** A WebSocket stand-in: records what is sent, lets the test fire events. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1
  static made: FakeSocket[] = []
  readonly OPEN = 1
  readyState = 0
  binaryType = 'blob'
  sent: Uint8Array[] = []
  closed: number | null = null
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: Event) => void) | null = null
  onclose: ((e: Event) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  constructor(readonly url: string) {
    super()
    FakeSocket.made.push(this)
  }
  send(data: Uint8Array) {
    this.sent.push(new Uint8Array(data))
  }
  close(code = 1000) {
    this.closed = code
  }
  open() {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
    this.onopen?.(new Event('open'))
  }
  message(bytes: Uint8Array) {
    const e = new MessageEvent('message', { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })
    this.dispatchEvent(e)
    this.onmessage?.(e)
  }
}

function fakeWindow(path: string, search: string, stored: Record<string, string> = {}) {
  const timers: (() => void)[] = []
  const win: EarlySocketWindow & { WebSocket: typeof WebSocket; timers: (() => void)[] } = {
    location: { pathname: path, search, protocol: 'http:', host: 'board.example:8787' },
    localStorage: { getItem: (k) => stored[k] ?? null },
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    setTimeout: (fn) => timers.push(fn),
    timers,
  }
  return win
}

/** A first visit to the board link: the inline script has run; its socket (not yet open). */
function firstVisit() {
  const win = fakeWindow(`/b/${BOARD}`, `?token=${TOKEN}`)
  openEarlySocket(win)
  return { win, ws: FakeSocket.made[0]! }
}

beforeEach(() => {
  FakeSocket.made = []
})

const EMPTY_STEP1 = [0, 0, 1, 0]
const flush = () => new Promise<void>((r) => queueMicrotask(r))

describe('early socket script', () => {
  it('opens the board socket with the link token and asks for the whole board once open', () => {
    const win = fakeWindow(`/b/${BOARD}`, `?token=${TOKEN}`)
    openEarlySocket(win)
    expect(FakeSocket.made).toHaveLength(1)
    const ws = FakeSocket.made[0]!
    expect(ws.url).toBe(`ws://board.example:8787/sync/${BOARD}?token=${TOKEN}`)
    expect(ws.binaryType).toBe('arraybuffer')
    expect(ws.sent).toHaveLength(0)
    ws.open()
    expect(ws.sent.map((b) => [...b])).toEqual([EMPTY_STEP1])
    expect(win.__overlapEarlySocket?.url).toBe(ws.url)
  })

  it('does nothing off a board link, without a token, or in a browser that has been on the board before', () => {
    openEarlySocket(fakeWindow('/', `?token=${TOKEN}`))
    openEarlySocket(fakeWindow(`/b/${BOARD}/s/snap`, `?token=${TOKEN}`))
    openEarlySocket(fakeWindow(`/b/${BOARD}`, ''))
    openEarlySocket(fakeWindow(`/b/${BOARD}`, '?token=short'))
    // The key boardAccess.ts remembers a board's token under: a returning visitor may have a local copy.
    const stored: Record<string, string> = {}
    const saved = globalThis.window
    ;(globalThis as { window?: unknown }).window = { localStorage: { setItem: (k: string, v: string) => (stored[k] = v) } }
    try {
      rememberToken(BOARD, TOKEN)
    } finally {
      ;(globalThis as { window?: unknown }).window = saved
    }
    expect(Object.keys(stored)).toHaveLength(1)
    openEarlySocket(fakeWindow(`/b/${BOARD}`, `?token=${TOKEN}`, stored))
    expect(FakeSocket.made).toHaveLength(0)
  })

  it('closes a socket nobody adopted', () => {
    const win = fakeWindow(`/b/${BOARD}`, `?x=1&token=${TOKEN}`)
    openEarlySocket(win)
    expect(FakeSocket.made).toHaveLength(1)
    win.timers.forEach((t) => t())
    expect(FakeSocket.made[0]!.closed).not.toBeNull()
    expect(win.__overlapEarlySocket).toBeUndefined()
  })

  it('is self-contained: its source runs as an inline script', () => {
    const win = fakeWindow(`/b/${BOARD}`, `?token=${TOKEN}`)
    new Function('window', `(${openEarlySocket.toString()})(window)`)(win)
    expect(FakeSocket.made).toHaveLength(1)
  })
})

describe('adopting the early socket', () => {
  it('replays what arrived before adoption, in order, and drops the repeated empty step 1', async () => {
    const { win, ws } = firstVisit()
    ws.open()
    ws.message(new Uint8Array([9, 1]))
    expect(hasEarlySocket(win, ws.url)).toBe(true)
    const adopted = adoptEarlySocket(win, ws.url)!
    expect(adopted).not.toBeNull()
    expect(win.__overlapEarlySocket).toBeUndefined()
    const seen: string[] = []
    adopted.onopen = () => {
      seen.push('open')
      adopted.send(new Uint8Array(EMPTY_STEP1)) // what y-websocket sends for an empty doc
      adopted.send(new Uint8Array([1, 5])) // awareness: goes through
    }
    adopted.onmessage = (e) => seen.push(`message ${[...new Uint8Array((e as MessageEvent).data as ArrayBuffer)].join(',')}`)
    ws.message(new Uint8Array([9, 2])) // arrives after adoption, before the replay
    expect(seen).toEqual([])
    await flush()
    ws.message(new Uint8Array([9, 3]))
    expect(seen).toEqual(['open', 'message 9,1', 'message 9,2', 'message 9,3'])
    expect(ws.sent.map((b) => [...b])).toEqual([EMPTY_STEP1, [1, 5]])
    // Only the first repeat is dropped: a later step 1 (a resync) goes out.
    adopted.send(new Uint8Array(EMPTY_STEP1))
    expect(ws.sent).toHaveLength(3)
    expect(adopted.readyState).toBe(1)
  })

  it('is adopted only for its exact URL; a provider for another URL gets a real socket and the early one is closed', () => {
    const { win, ws: early } = firstVisit()
    const WS = webSocketClass(win)
    const other = new WS(`ws://board.example:8787/sync/${BOARD}?token=${'U'.repeat(43)}`)
    expect(other).toBeInstanceOf(FakeSocket)
    expect(early.closed).not.toBeNull()
    expect(win.__overlapEarlySocket).toBeUndefined()
    expect(WS.OPEN).toBe(1)
  })

  it('y-websocket syncs through the adopted socket and asks for the board only once', async () => {
    const { win, ws: early } = firstVisit()
    early.open()
    // The server's answer to the script's step 1: a step 2 with one record.
    const serverDoc = new Y.Doc()
    serverDoc.getMap('records').set('shape:a', 1)
    const step2 = new Uint8Array([0, 1, ...varBytes(Y.encodeStateAsUpdate(serverDoc))])
    early.message(step2)

    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://board.example:8787/sync`, BOARD, doc, {
      connect: false,
      params: { token: TOKEN },
      WebSocketPolyfill: webSocketClass(win),
      disableBc: true,
    })
    try {
      expect(hasEarlySocket(win, provider.url)).toBe(true)
      provider.connect()
      await flush()
      expect(FakeSocket.made).toHaveLength(1)
      expect(provider.synced).toBe(true)
      expect(doc.getMap('records').get('shape:a')).toBe(1)
      // Sent: the script's step 1 only (the provider's identical one dropped), plus nothing else
      // that would ask for the board again.
      expect(early.sent.filter((b) => b[0] === 0 && b[1] === 0)).toHaveLength(1)
    } finally {
      provider.destroy()
    }
  })
})

function varBytes(data: Uint8Array): number[] {
  const out: number[] = []
  let n = data.length
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  out.push(n)
  return [...out, ...data]
}
