/**
 * Test helpers for integration tests: a real server on port 0 with SQLite in a temp dir,
 * y-websocket 3.1 clients in Node (ws polyfill), raw "attacker" sockets, and bounded waits.
 * Not part of the build (see server/tsconfig.json).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type { BoardId, BoardLinks, Role } from '@overlap/shared'
import { parseConfig, type ServerConfig } from '../config.js'
import { createOverlapServer, type OverlapServer } from '../createServer.js'
import { createManualClock, type Clock } from '../clock.js'
import { silentLogger, type Logger } from '../log.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import { applyStoredDoc } from '../storage/mergeDoc.js'

/** The board as stored in a (stopped) server's `dataDir`, read with a SQLite storage of its own, as a doc. */
export async function readStoredDoc(dataDir: string, boardId: BoardId): Promise<Y.Doc> {
  const storage = createSqliteStorage({ file: path.join(dataDir, 'overlap.sqlite') })
  try {
    const doc = new Y.Doc()
    applyStoredDoc(doc, (await storage.loadDoc(boardId))!)
    return doc
  } finally {
    await storage.close()
  }
}

/** Polls `predicate` until it holds; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export function tempDir(prefix = 'overlap-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/**
 * Tokens of boards the tests created (test-only state, keyed by random board ids, so servers
 * running side by side cannot collide). `connectClient` and `rawSocket` add the EDIT token of a
 * known board unless the URL already has `token=`; `authed` adds the FACILITATOR token to a
 * board API path. Tests of access control pass explicit tokens instead.
 */
const tokenBook = new Map<string, Record<Role, string>>()

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? ''
}

/** Remembers the links of a created board (a 201 body of POST /api/boards or /import). */
export function rememberLinks(body: unknown): void {
  const b = body as { id?: unknown; links?: BoardLinks } | null
  if (b && typeof b.id === 'string' && b.links) {
    tokenBook.set(b.id, { facilitator: tokenOf(b.links.facilitator), edit: tokenOf(b.links.edit), view: tokenOf(b.links.view) })
  }
}

export function tokensFor(boardId: string): Record<Role, string> {
  const t = tokenBook.get(boardId)
  if (!t) throw new Error(`no tokens known for board ${boardId}`)
  return t
}

/** `url` with `?token=<role token>` for the board it names (a `/sync/<id>` or `/api/boards/<id>` URL), if known and absent. */
export function withToken(url: string, role: Role = 'edit'): string {
  if (/[?&]token=/.test(url)) return url
  const m = /\/(?:sync|api\/boards)\/([A-Za-z0-9_-]{22})(?:[/?]|$)/.exec(url)
  const t = m ? tokenBook.get(m[1]!) : undefined
  if (!t) return url
  return `${url}${url.includes('?') ? '&' : '?'}token=${t[role]}`
}

/** fetch with the facilitator token of the board the path names; records links of created boards. */
export async function authedFetch(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(withToken(url, 'facilitator'), init)
  if (res.status === 201 && /\/api\/boards(\/import)?(\?|$)/.test(new URL(url).pathname + new URL(url).search)) {
    rememberLinks(await res.clone().json())
  }
  return res
}

export interface TestServer {
  overlap: OverlapServer
  storage: BoardStorage
  config: ServerConfig
  clock: ReturnType<typeof createManualClock>
  url: string
  wsOrigin: string
  dataDir: string
  createBoard(name?: string): Promise<BoardId>
  /** Stops the server and closes storage (data stays in dataDir). */
  stop(): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  env?: Record<string, string>
  log?: Logger
  clock?: Clock
  storage?: BoardStorage
  /** [S37] the slow-peer limit, lowered so a test can reach it. */
  maxBufferedBytes?: number
}

export async function startTestServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir()
  const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, CLIENT_DIST: path.join(dataDir, 'no-client'), ...opts.env })
  const storage = opts.storage ?? createSqliteStorage({ file: path.join(dataDir, 'overlap.sqlite') })
  const clock = createManualClock(Date.now())
  const overlap = createOverlapServer({
    config,
    storage,
    log: opts.log ?? silentLogger,
    clock: opts.clock ?? clock,
    maxBufferedBytes: opts.maxBufferedBytes,
  })
  const { url } = await overlap.listen()
  return {
    overlap,
    storage,
    config,
    clock,
    url,
    wsOrigin: url.replace(/^http/, 'ws'),
    dataDir,
    async createBoard(name = 'test board') {
      const res = await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      })
      if (res.status !== 201) throw new Error(`create board: ${res.status}`)
      const body = (await res.json()) as { id: BoardId }
      rememberLinks(body)
      return body.id
    },
    async stop() {
      await overlap.close()
      await storage.close()
    },
  }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  synced(): Promise<void>
  destroy(): void
}

/**
 * An unmodified y-websocket 3.1 client, as the browser uses it. `token`: the board's edit token by
 * default (see tokenBook); null = none.
 */
export function connectClient(
  wsOrigin: string,
  boardId: string,
  doc = new Y.Doc(),
  token: string | null = tokenBook.get(boardId)?.edit ?? null
): TestClient {
  const provider = new WebsocketProvider(`${wsOrigin}/sync`, boardId, doc, {
    params: token === null ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc,
    provider,
    closes,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error('client did not sync within 10 s')), 10_000)
            provider.once('sync', () => {
              clearTimeout(t)
              resolve()
            })
          }),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export interface RawSocket {
  ws: WebSocket
  frames: Uint8Array[]
  opened: Promise<void>
  closed: Promise<{ code: number; reason: string }>
}

/** A bare socket that sends whatever bytes a test wants. */
export function rawSocket(url: string): RawSocket {
  const ws = new WebSocket(withToken(url))
  const frames: Uint8Array[] = []
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
  ws.on('error', () => {})
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  )
  return { ws, frames, opened, closed }
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      p,
      new Promise<never>((_r, reject) => {
        t = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
      }),
    ])
  } finally {
    clearTimeout(t)
  }
}
