/**
 * `createOverlapServer(deps)`: the whole server as a value. Nothing happens at import time and
 * nothing is global, so a test can run two servers in one process.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type NextFunction, type Request, type Response } from 'express'
import { createTLSchema } from '@tldraw/tlschema'
import { CloseCode, TEMPLATES, installYjsPatches, type Template } from '@overlap/shared'
import type { ServerConfig } from './config.js'
import { systemClock, type Clock } from './clock.js'
import type { Logger } from './log.js'
import type { BoardStorage } from './storage/BoardStorage.js'
import { createCommitQueue, type CompactionPolicy } from './storage/commitQueue.js'
import { createRoomManager, type RoomManager } from './rooms/RoomManager.js'
import { createSyncEndpoint } from './sync/syncEndpoint.js'
import { boardsRouter } from './http/boardsRouter.js'
import { assetsRouter } from './http/assetsRouter.js'
import { clientRouter } from './http/clientRouter.js'
import { sendError } from './http/errors.js'
import { createInitialBoardUpdate } from './boardSeed.js'
import { createTemplateBoardUpdate } from './boards/templateBoard.js'
import { createBoardRecordsReader } from './boards/readBoardRecords.js'
import { templatesRouter } from './http/templatesRouter.js'
import { briefRouter } from './http/briefRouter.js'
import { snapshotsRouter } from './http/snapshotsRouter.js'
import { importRouter } from './http/importRouter.js'
import { createSnapshotService, type SnapshotService } from './snapshots/snapshotService.js'
import { createAccessService, type AccessService } from './access/accessService.js'
import { boardAccessGate } from './http/boardAccess.js'
import { linksRouter } from './http/linksRouter.js'
import { timeRouter } from './workshop/timeRouter.js'
import { workshopRouter } from './workshop/workshopRouter.js'
import { createWorkshopService } from './workshop/workshopService.js'

export interface OverlapServerDeps {
  config: ServerConfig
  storage: BoardStorage
  log: Logger
  clock?: Clock
  compaction?: CompactionPolicy
  keepaliveIntervalMs?: number
  /** Unsent bytes a peer may have waiting before its socket is dropped [S37] (tests lower it). */
  maxBufferedBytes?: number
  /** Template catalogue (`GET /api/templates`, `POST /api/boards { template }`); defaults to TEMPLATES. */
  templates?: readonly Template[]
  /** Automatic snapshots of open boards every this many ms (if changed) [SN6]; 0 = off. Default 1 h. */
  autoSnapshotIntervalMs?: number
  /** Link tokens and roles [A1]; defaults to one over `storage` with crypto randomness. */
  access?: AccessService
}

export interface OverlapServer {
  app: express.Express
  server: http.Server
  rooms: RoomManager
  snapshots: SnapshotService
  access: AccessService
  /** Listens on config.host:config.port (0 = any free port). */
  listen(): Promise<{ port: number; url: string }>
  /**
   * Graceful stop: closes every socket with ServerRestarting (1012), waits until every accepted
   * update is durable, closes the HTTP server. Does not close `storage` (the caller owns it).
   */
  close(): Promise<void>
}

export function createOverlapServer({
  config,
  storage,
  log,
  clock = systemClock,
  compaction,
  keepaliveIntervalMs,
  maxBufferedBytes,
  templates = TEMPLATES,
  autoSnapshotIntervalMs,
  access = createAccessService({ storage }),
}: OverlapServerDeps): OverlapServer {
  // Room docs apply every client's updates (see shared/src/binding/yjsPatches.ts).
  installYjsPatches()
  // The tldraw schema template boards and imports are validated against (the one clients load them with).
  const schema = createTLSchema()
  // Only a FULL SQLite store flushes per update; waiting for a flush that does nothing only delays "saved".
  const flushes = config.storage === 'sqlite' && config.sqliteSynchronous === 'FULL'
  const commits = createCommitQueue({ storage, log, compaction, syncAfterRelayMs: flushes ? config.syncAfterRelayMs : 0 })
  const snapshots = createSnapshotService({
    storage,
    rooms: () => rooms,
    schema,
    clock,
    log,
    autoIntervalMs: autoSnapshotIntervalMs,
  })
  const rooms = createRoomManager({
    storage,
    commits,
    log,
    onRoomUnloading: (boardId, doc) => snapshots.roomUnloading(boardId, doc),
  })
  // A rotated link's sockets go at once [A6].
  access.onRotated((boardId, role, newHash) => {
    const closed = rooms.revoke(boardId, role, newHash)
    if (closed > 0) log.info('closed sockets of a rotated link', { boardId, role, closed })
  })
  const sync = createSyncEndpoint({
    rooms,
    access,
    log,
    clock,
    maxMessageBytes: config.maxMessageBytes,
    deflate: config.wsDeflate,
    keepaliveIntervalMs,
    maxBufferedBytes,
  })

  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host
  let listenUrl = `http://${hostForUrl}:${config.port}`
  const publicUrl = () => config.publicUrl ?? listenUrl

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', false)

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  app.get('/readyz', async (_req, res) => {
    try {
      await storage.ping()
      // Reachable is not enough: with a full disk every write failed while SELECT 1 still answered.
      const failing = commits.failing()
      if (failing !== null) {
        res.status(503).json({ ok: false, error: 'storage_writes_failing', message: failing instanceof Error ? failing.message : String(failing) })
        return
      }
      res.json({ ok: true })
    } catch (e) {
      log.error('readiness check failed', { err: e })
      res.status(503).json({ ok: false, error: 'storage_unavailable' })
    }
  })
  app.use(timeRouter({ clock }))
  app.use(boardAccessGate(access))
  app.use(
    boardsRouter({
      storage,
      access,
      log,
      publicUrl,
      now: () => clock.now(),
      createInitialUpdate: createInitialBoardUpdate,
      templates,
      createTemplateUpdate: (template) => createTemplateBoardUpdate(template, schema),
    })
  )
  app.use(templatesRouter({ templates }))
  app.use(
    briefRouter({
      storage,
      readRecords: createBoardRecordsReader({ storage, loadedDoc: (id) => rooms.loadedDoc(id), log }),
      now: () => clock.now(),
    })
  )
  app.use(linksRouter({ access, log, publicUrl }))
  app.use(importRouter({ storage, access, schema, log, publicUrl, now: () => clock.now(), maxUploadBytes: config.maxUploadBytes }))
  app.use(snapshotsRouter({ storage, snapshots }))
  app.use(workshopRouter({ workshop: createWorkshopService({ storage, rooms, clock, log }) }))
  app.use(assetsRouter({ storage, log, maxUploadBytes: config.maxUploadBytes }))
  app.use('/api', (_req, res) => sendError(res, 404, 'not_found', 'no such API route'))
  app.use(
    clientRouter({
      clientDist: config.clientDist,
      tldrawLicenseKey: config.tldrawLicenseKey,
      publicUrl,
      maxUploadBytes: config.maxUploadBytes,
      maxMessageBytes: config.maxMessageBytes,
    })
  )
  // Anything no route took (PUT /healthz, an unknown file): JSON like every other error, not Express's HTML page.
  app.use((req, res) => sendError(res, 404, 'not_found', `no route for ${req.method} ${req.path.slice(0, 200)}`))
  // Express 5 forwards rejected promises from async handlers here.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string }
    if (e.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', 'the body is not valid JSON')
    if (e.type === 'entity.too.large' || e.status === 413) {
      // body-parser says how big the body was and what this route takes: the sender can act on it.
      const { length, limit } = err as { length?: number; limit?: number }
      const size = typeof length === 'number' ? ` (${length.toLocaleString('en')} bytes)` : ''
      const most = typeof limit === 'number' ? `: this request takes at most ${limit.toLocaleString('en')} bytes` : ''
      return sendError(res, 413, 'too_large', `request body too large${size}${most}`)
    }
    // body-parser's other refusals of what the client sent: an unknown charset or encoding (415), a
    // body that does not decompress (400). The client's fault, said precisely, not an internal error.
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
      return sendError(res, 415, 'unsupported_media_type', e.message ?? 'unsupported charset or content encoding')
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, e.status, 'bad_request', `the request body could not be read: ${e.message ?? 'bad request'}`)
    }
    log.error('request failed', { method: req.method, path: req.path, err })
    if (!res.headersSent) sendError(res, 500, 'internal', 'internal server error')
  })

  const server = http.createServer(app)
  server.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head))

  let closing: Promise<void> | null = null

  return {
    app,
    server,
    rooms,
    snapshots,
    access,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(config.port, config.host, () => {
          server.off('error', reject)
          const { port } = server.address() as AddressInfo
          listenUrl = `http://${hostForUrl}:${port}`
          resolve({ port, url: listenUrl })
        })
      })
    },
    close() {
      closing ??= (async () => {
        snapshots.stop()
        await sync.close(CloseCode.ServerRestarting)
        await commits.drain()
        // Closing every socket unloaded every room: their automatic snapshots must land before the
        // caller closes storage.
        await snapshots.drain()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeIdleConnections()
        })
      })()
      return closing
    },
  }
}
