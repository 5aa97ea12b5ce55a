/**
 * Snapshots of a board ([SN1]–[SN5]) and its export as tldraw JSON ([SN7]):
 * - `POST /api/boards/:id/snapshots` `{ name, author? }` → 201 snapshot (no state)
 * - `GET  /api/boards/:id/snapshots` → `{ snapshots: [...] }`, newest first
 * - `GET  /api/boards/:id/snapshots/:sid` → `{ ...snapshot, snapshot: <tldraw store snapshot> }`
 * - `POST /api/boards/:id/snapshots/:sid/restore` → `{ restored, changed, deleted }`
 * - `GET  /api/boards/:id/snapshot` → the board now as a tldraw store snapshot
 */
import express, { Router, type Request, type Response } from 'express'
import { parseBoardId, parseBoardName, MAX_BOARD_NAME_CHARS, type BoardId } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { SnapshotService } from '../snapshots/snapshotService.js'
import { sendError } from './errors.js'

export const MAX_AUTHOR_CHARS = 100
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,64}$/

export interface SnapshotsRouterDeps {
  storage: BoardStorage
  snapshots: SnapshotService
}

export function snapshotsRouter({ storage, snapshots }: SnapshotsRouterDeps): Router {
  const router = Router()

  /** The board id of a known board, or null once an error response was sent. */
  const boardOf = async (req: Request, res: Response): Promise<BoardId | null> => {
    const id = parseBoardId(req.params.id)
    if (id === null) {
      sendError(res, 400, 'invalid_board_id', 'a board id is 22 characters of A–Z, a–z, 0–9, - and _')
      return null
    }
    if ((await storage.getBoard(id)) === null) {
      sendError(res, 404, 'board_not_found', 'no board with this id')
      return null
    }
    return id
  }

  const snapshotIdOf = (req: Request, res: Response): string | null => {
    const sid = String(req.params.sid)
    if (SNAPSHOT_ID.test(sid)) return sid
    sendError(res, 404, 'snapshot_not_found', 'no snapshot with this id on this board')
    return null
  }

  const notFound = (res: Response) => sendError(res, 404, 'snapshot_not_found', 'no snapshot with this id on this board')

  router.post('/api/boards/:id/snapshots', express.json({ limit: '16kb' }), async (req, res) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as { name?: unknown; author?: unknown }
    const name = parseBoardName(body.name)
    if (name === null) {
      sendError(res, 400, 'invalid_name', `body must be JSON {"name": string of 1–${MAX_BOARD_NAME_CHARS} characters, "author"?: string}`)
      return
    }
    let author: string | null = null
    if (body.author !== undefined && body.author !== null) {
      const a = typeof body.author === 'string' ? body.author.trim() : ''
      if (a.length === 0 || a.length > MAX_AUTHOR_CHARS) {
        sendError(res, 400, 'invalid_author', `author must be a string of 1–${MAX_AUTHOR_CHARS} characters (or absent)`)
        return
      }
      author = a
    }
    const id = await boardOf(req, res)
    if (id === null) return
    const meta = await snapshots.create(id, { name, author })
    if (meta === null) return void sendError(res, 404, 'board_not_found', 'no board with this id')
    res.status(201).json(meta)
  })

  router.get('/api/boards/:id/snapshots', async (req, res) => {
    const id = await boardOf(req, res)
    if (id === null) return
    res.setHeader('Cache-Control', 'no-store')
    res.json({ snapshots: await snapshots.list(id) })
  })

  router.get('/api/boards/:id/snapshots/:sid', async (req, res) => {
    const id = await boardOf(req, res)
    if (id === null) return
    const sid = snapshotIdOf(req, res)
    if (sid === null) return
    const found = await snapshots.get(id, sid)
    if (found === null) return void notFound(res)
    res.json(found)
  })

  router.post('/api/boards/:id/snapshots/:sid/restore', async (req, res) => {
    const id = await boardOf(req, res)
    if (id === null) return
    const sid = snapshotIdOf(req, res)
    if (sid === null) return
    const result = await snapshots.restore(id, sid)
    if (result === null) return void notFound(res)
    res.json(result)
  })

  router.get('/api/boards/:id/snapshot', async (req, res) => {
    const id = await boardOf(req, res)
    if (id === null) return
    const json = await snapshots.exportBoard(id)
    if (json === null) return void sendError(res, 404, 'board_not_found', 'no board with this id')
    res.setHeader('Cache-Control', 'no-store')
    res.json(json)
  })

  return router
}
