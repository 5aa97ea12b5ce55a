/**
 * `POST /api/boards` `{ name }` → 201 `{ id, url }`; `GET /api/boards/:id` → `{ id, name, createdAt }`.
 * Ids and names are parsed here, before storage sees them [S1].
 */
import express, { Router } from 'express'
import { generateBoardId, parseBoardId, parseBoardName, MAX_BOARD_NAME_CHARS } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { sendError } from './errors.js'

export interface BoardsRouterDeps {
  storage: BoardStorage
  log: Logger
  /** Read per request: it is known only once the server listens. */
  publicUrl: () => string
  now: () => number
  /** Initial document of a new board (a V1 update). */
  createInitialUpdate: () => Uint8Array
}

export function boardsRouter({ storage, log, publicUrl, now, createInitialUpdate }: BoardsRouterDeps): Router {
  const router = Router()

  router.post('/api/boards', express.json({ limit: '16kb' }), async (req, res) => {
    const body: unknown = req.body
    const name = parseBoardName(typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined)
    if (name === null) {
      sendError(res, 400, 'invalid_name', `body must be JSON {"name": string of 1–${MAX_BOARD_NAME_CHARS} characters}`)
      return
    }
    const id = generateBoardId()
    const meta = { id, name, createdAt: now() }
    await storage.createBoard(meta, createInitialUpdate())
    log.info('board created', { boardId: id })
    res.status(201).json({ id, url: `${publicUrl()}/b/${id}` })
  })

  router.get('/api/boards/:id', async (req, res) => {
    const id = parseBoardId(req.params.id)
    if (id === null) {
      sendError(res, 400, 'invalid_board_id', 'a board id is 22 characters of A–Z, a–z, 0–9, - and _')
      return
    }
    const board = await storage.getBoard(id)
    if (board === null) {
      sendError(res, 404, 'board_not_found', 'no board with this id')
      return
    }
    res.json({ id: board.id, name: board.name, createdAt: board.createdAt })
  })

  return router
}
