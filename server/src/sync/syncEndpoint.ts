/**
 * The WebSocket side: `/sync/<boardId>` upgrades, size limits, compression, keep-alive.
 *
 * Decisions made here (see shared/PROTOCOL.md):
 * - Any path other than `/sync/<one segment>` is refused at the HTTP upgrade with 404.
 * - A malformed board id is accepted and then closed with NotFound (4404) without touching
 *   storage [S1]: a browser cannot read an HTTP status from a failed upgrade (it sees 1006 and
 *   would retry forever), but it does see a close code, and 4400–4499 stops y-websocket retrying.
 *   Older y-websocket clients retry anyway, every 100 ms: a repeated refusal from one address is
 *   held a little longer each time before it closes (refusalPacer.ts, [S39]).
 * - Access is decided before the socket joins a room [A3]: the `token` query parameter (y-websocket's
 *   `params`) is parsed and checked against the board's link hashes while the upgrade waits. An
 *   unknown board is closed with 4404, a missing or wrong token with Unauthorized (4401); only a
 *   granted socket reaches `rooms.connect`, carrying its role.
 * - Frames over MAX_MESSAGE_BYTES: ws closes with 1009; `LimitedWebSocket` rewrites that one code
 *   to MessageTooLarge (4413) so the client can tell the user why [S9].
 * - permessage-deflate only with `WS_DEFLATE=on`, and then only for frames ≥ 16 KiB (DEFLATE_OPTIONS).
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { CloseCode, CloseReason, SYNC_PATH_PREFIX, parseBoardId, type BoardId } from '@overlap/shared'
import { assertNever } from '../rooms/Connection.js'
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import type { RoomManager } from '../rooms/RoomManager.js'
import type { AccessService } from '../access/accessService.js'
import type { ConnectionAccess } from '../rooms/Connection.js'
import { KEEPALIVE_INTERVAL_MS } from '@overlap/shared'
import { createFrameCache } from './binaryFrame.js'
import { createRefusalPacer, type RefusalPacerOptions } from './refusalPacer.js'
import { LimitedWebSocket } from './LimitedWebSocket.js'

/**
 * A peer that stops reading (a frozen tab, a dead Wi-Fi link before TCP notices) makes frames pile
 * up in server memory. Past this many unsent bytes the socket is dropped; the client reconnects
 * and gets a fresh step 2 instead of the backlog.
 */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024

/**
 * permessage-deflate (opt-in, `WS_DEFLATE=on`) with small zlib windows.
 *
 * Off by default: a client with context takeover (every browser, and the `ws` package) compresses
 * EVERY frame it sends, however small, so the server inflates each cursor move and each shape drag —
 * an async zlib round trip that cost about 0.7 ms of CPU and most of the fan-out latency gap to the
 * reference server, for frames of a few dozen bytes. Without it a 10,000-shape board's first sync is
 * 2.4 MB on the wire instead of 0.27 MB: worth turning on over slow links, not on a workshop's LAN.
 * zlib's defaults (15-bit window, memLevel 8) hold about
 * 256 KiB of deflate state per socket for as long as it is open — five times our whole budget for an
 * idle board. Yjs updates repeat short keys close together, so a 2 KiB window compresses a
 * 10,000-shape board's first sync (6.3 MB) to the same 1.06 MB as the 32 KiB default, for about
 * 12 KiB of deflate state. Windows below 10 bits lose most of the ratio (3 MB for that board).
 * We do not set `clientMaxWindowBits`: ws then refuses offers that lack the parameter (Firefox
 * sends a bare `permessage-deflate`), failing the handshake; the inflate side keeps 32 KiB.
 */
/** A probed socket that has not answered a ping by then is dropped (an answer takes a round trip). */
const PROBE_TIMEOUT_MS = 3000

const DEFLATE_OPTIONS = {
  // ws creates a socket's zlib stream on its first compressed frame and keeps it until close. A new
  // board's first sync (document, page and schema) is a few KiB; compressing it would pin ~100 KiB
  // of zlib state on every idle socket. Only big frames (joining a big board) are worth that.
  threshold: 16 * 1024,
  // ws honours `threshold` only without context takeover; with it, ws compresses every frame (to
  // keep the shared window useful), so every socket would get a zlib stream on its first message.
  // Big frames compress just as well on their own.
  serverNoContextTakeover: true,
  serverMaxWindowBits: 11,
  zlibDeflateOptions: { memLevel: 4 },
} as const

export interface SyncEndpointDeps {
  rooms: RoomManager
  access: AccessService
  log: Logger
  clock: Clock
  maxMessageBytes: number
  /** Offer permessage-deflate (`WS_DEFLATE`); see DEFLATE_OPTIONS. */
  deflate?: boolean
  keepaliveIntervalMs?: number
  /** Unsent bytes a peer may have waiting before its socket is dropped [S37]; MAX_BUFFERED_BYTES. */
  maxBufferedBytes?: number
  /** How repeated refusals are paced [S39] (refusalPacer.ts defaults; `now` is real time). */
  refusalPacing?: Omit<RefusalPacerOptions, 'now'>
}

export interface SyncEndpoint {
  /** Wire to `http.Server`'s 'upgrade' event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes every socket with `code` and stops timers; resolves when all sockets are closed. */
  close(code: CloseCode): Promise<void>
  /** Sockets currently open (for tests). */
  socketCount(): number
}

export function createSyncEndpoint({
  rooms,
  access,
  log,
  clock,
  maxMessageBytes,
  deflate = false,
  keepaliveIntervalMs = KEEPALIVE_INTERVAL_MS,
  maxBufferedBytes = MAX_BUFFERED_BYTES,
  refusalPacing = {},
}: SyncEndpointDeps): SyncEndpoint {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    perMessageDeflate: deflate ? DEFLATE_OPTIONS : false,
    WebSocket: LimitedWebSocket,
  })
  let nextConnId = 1
  // With deflate, ws compresses each frame for its socket: nothing to prebuild (binaryFrame.ts).
  const frameOf = deflate ? () => null : createFrameCache()
  const alive = new WeakMap<WebSocket, boolean>()
  /** Sockets asked to prove they are alive (another socket claims their awareness id, [S8]). */
  const probing = new WeakMap<WebSocket, NodeJS.Timeout>()

  // One timer for all sockets: the keep-alive frame (resets the client's 30 s watchdog) and a
  // ws ping whose missing pong reveals peers that vanished without a FIN (sleeping laptops).
  const timer = clock.setInterval(() => {
    rooms.keepalive()
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, keepaliveIntervalMs)

  // Real time, not `clock`: the pacing is about how fast a client comes back.
  const pacer = createRefusalPacer({ now: () => performance.now(), ...refusalPacing })
  /** Closes with `code`: at once, or after the pacer's delay for a repeat from this address [S39]. */
  const refuse = (ws: WebSocket, req: IncomingMessage, board: string, code: CloseCode): number => {
    const delayMs = pacer.delayFor(`${req.socket.remoteAddress ?? ''} ${board} ${code}`)
    if (delayMs === 0) {
      ws.close(code, CloseReason[code])
      return 0
    }
    const t = setTimeout(() => ws.close(code, CloseReason[code]), delayMs)
    ws.once('close', () => clearTimeout(t))
    return delayMs
  }

  const onConnection = (ws: LimitedWebSocket, boardId: BoardId, granted: ConnectionAccess) => {
    const connId = `c${nextConnId++}`
    alive.set(ws, true)
    ws.on('pong', () => {
      alive.set(ws, true)
      clearTimeout(probing.get(ws))
      probing.delete(ws)
    })
    ws.once('close', () => {
      clearTimeout(probing.get(ws))
      probing.delete(ws)
    })
    const handle = rooms.connect(
      boardId,
      {
        send(frame) {
          if (ws.readyState !== WebSocket.OPEN) return
          if (ws.bufferedAmount > maxBufferedBytes) {
            log.warn('slow consumer dropped', { boardId, connId, buffered: ws.bufferedAmount })
            ws.terminate()
            return
          }
          // A small frame is framed once for all its readers.
          const prebuilt = frameOf(frame)
          if (!prebuilt || !ws.writeFrame(prebuilt)) ws.send(frame)
        },
        close(code, reason) {
          ws.close(code, reason)
        },
        probe() {
          if (probing.has(ws) || ws.readyState !== WebSocket.OPEN) return
          const t = setTimeout(() => {
            probing.delete(ws)
            log.info('socket did not answer a probe: dropped', { boardId, connId })
            ws.terminate()
          }, PROBE_TIMEOUT_MS)
          probing.set(ws, t)
          ws.ping()
        },
      },
      connId,
      granted
    )
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        // y-websocket frames are always binary; a text frame is as malformed as random bytes.
        log.warn('text frame refused', { boardId, connId, code: CloseCode.MalformedMessage })
        ws.close(CloseCode.MalformedMessage, CloseReason[CloseCode.MalformedMessage])
        handle.closed()
        return
      }
      handle.receive(toUint8Array(data))
    })
    ws.on('error', (err: Error & { code?: string }) => {
      // ws reports an oversized frame as an error, then closes with 1009, sent as 4413 [S9].
      const tooLarge = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
      log.warn(tooLarge ? 'message too large' : 'socket error', {
        boardId,
        connId,
        err: err.message,
        ...(tooLarge ? { code: CloseCode.MessageTooLarge, limit: maxMessageBytes } : {}),
      })
    })
    ws.on('close', (code) => {
      log.debug('socket closed', { boardId, connId, code })
      handle.closed()
    })
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const rest = url.pathname.startsWith(SYNC_PATH_PREFIX) ? url.pathname.slice(SYNC_PATH_PREFIX.length) : null
      if (rest === null || rest.length === 0 || rest.includes('/')) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return
      }
      const boardId = parseBoardId(rest)
      if (boardId === null) {
        const rawBoardId = rest.slice(0, 64)
        wss.handleUpgrade(req, socket, head, (ws) => {
          const delayMs = refuse(ws, req, rawBoardId, CloseCode.NotFound)
          log.info('refused malformed board id', { rawBoardId, delayMs })
        })
        return
      }
      // The socket may error while storage answers; without a listener that would throw.
      const onSocketError = () => {}
      socket.on('error', onSocketError)
      access.authorize(boardId, presentedSocketToken(url)).then(
        (decision) => {
          socket.off('error', onSocketError)
          if (socket.destroyed) return
          wss.handleUpgrade(req, socket, head, (ws) => {
            switch (decision.kind) {
              case 'granted':
                if (!access.isCurrent(boardId, decision.role, decision.tokenHash)) {
                  const delayMs = refuse(ws, req, boardId, CloseCode.Unauthorized)
                  log.info('refused socket: its link was rotated while it connected', { boardId, delayMs })
                  return
                }
                try {
                  onConnection(ws, boardId, { role: decision.role, tokenHash: decision.tokenHash })
                } catch (err) {
                  // A bug in joining must cost this socket, not the process (an unhandled rejection
                  // here ends Node, and every board with it).
                  log.error('joining a board failed', { boardId, err })
                  ws.close(CloseCode.StorageError, CloseReason[CloseCode.StorageError])
                }
                return
              case 'not-found': {
                const delayMs = refuse(ws, req, boardId, CloseCode.NotFound)
                log.info('refused unknown board', { boardId, delayMs })
                return
              }
              case 'unauthorized': {
                const delayMs = refuse(ws, req, boardId, CloseCode.Unauthorized)
                log.info('refused socket without a valid token', { boardId, delayMs })
                return
              }
              default:
                assertNever(decision)
            }
          })
        },
        (err: unknown) => {
          socket.off('error', onSocketError)
          log.error('access check failed', { boardId, err })
          if (socket.destroyed) return
          wss.handleUpgrade(req, socket, head, (ws) => ws.close(CloseCode.StorageError, CloseReason[CloseCode.StorageError]))
        }
      )
    },
    async close(code) {
      timer.cancel()
      rooms.closeAll(code)
      const sockets = [...wss.clients]
      for (const ws of sockets) ws.close(code, CloseReason[code])
      // Wait for the closing handshakes, but not forever: a silent peer is terminated.
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve()
              const t = setTimeout(() => ws.terminate(), 2000)
              ws.once('close', () => {
                clearTimeout(t)
                resolve()
              })
            })
        )
      )
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
    socketCount: () => wss.clients.size,
  }
}

function toUint8Array(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** `?token=` of an upgrade: undefined if absent, null (malformed) if given more than once, as over HTTP [A3]. */
function presentedSocketToken(url: URL): string | null | undefined {
  const tokens = url.searchParams.getAll('token')
  return tokens.length === 0 ? undefined : tokens.length === 1 ? tokens[0] : null
}
