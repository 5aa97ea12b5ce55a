/**
 * `POST /api/boards` `{ name, template? }` → 201 `{ id, url, links }`; `GET /api/boards/:id` →
 * `{ id, name, createdAt, role }` (the role of the presented token; the access gate checked it).
 * A new board gets its three links [A1]; `url` is the facilitator link (the creator runs the session).
 * Ids, names and template ids are parsed here, before storage sees them [S1]. A board made from a
 * template is stored already laid out [S34]: its document is built completely (and validated) before
 * `createBoard`, so a failure stores nothing.
 */
import express, { Router } from 'express'
import { boardLink, generateBoardId, parseBoardId, parseBoardName, ROLES, MAX_BOARD_NAME_CHARS, type BoardLinks, type Role, type Template } from '@overlap/shared'
import type { AccessService } from '../access/accessService.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { sendError } from './errors.js'

export interface BoardsRouterDeps {
  storage: BoardStorage
  access: AccessService
  log: Logger
  /** Read per request: it is known only once the server listens. */
  publicUrl: () => string
  now: () => number
  /** Initial document of a new board (a V1 update). */
  createInitialUpdate: () => Uint8Array
  /** Templates a board can be created from (`{ template: id }`). */
  templates: readonly Template[]
  /** Initial document of a board made from `template` (a V1 update); throws if it does not validate. */
  createTemplateUpdate: (template: Template) => Uint8Array
}

/** Creates the three links of a new board: tokens for the response, hashes for storage [A1]. */
export function newBoardLinks(access: AccessService, publicUrl: string, id: string) {
  const { tokens, hashes } = access.createLinks()
  const links = Object.fromEntries(ROLES.map((r) => [r, boardLink(publicUrl, id, tokens[r])])) as BoardLinks
  return { links, hashes }
}

export function boardsRouter({
  storage,
  access,
  log,
  publicUrl,
  now,
  createInitialUpdate,
  templates,
  createTemplateUpdate,
}: BoardsRouterDeps): Router {
  const router = Router()

  router.post('/api/boards', express.json({ limit: '16kb' }), async (req, res) => {
    const body: unknown = req.body
    const name = parseBoardName(typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined)
    if (name === null) {
      sendError(res, 400, 'invalid_name', `body must be JSON {"name": string of 1–${MAX_BOARD_NAME_CHARS} characters}`)
      return
    }
    const templateId: unknown = (body as { template?: unknown }).template
    let template: Template | undefined
    if (templateId !== undefined) {
      if (typeof templateId !== 'string') {
        sendError(res, 400, 'invalid_template', 'template must be a template id (a string); see GET /api/templates')
        return
      }
      template = templates.find((t) => t.id === templateId)
      if (template === undefined) {
        const validTemplates = templates.map((t) => t.id)
        res.status(400).json({ error: 'unknown_template', message: `no template "${templateId.slice(0, 100)}"`, validTemplates })
        return
      }
    }
    let initialUpdate: Uint8Array
    try {
      initialUpdate = template ? createTemplateUpdate(template) : createInitialUpdate()
    } catch (e) {
      log.error('board template failed validation: board not created', { templateId: template?.id, err: e })
      sendError(res, 500, 'template_invalid', 'this template could not be built; nothing was created')
      return
    }
    const id = generateBoardId()
    const meta = { id, name, createdAt: now() }
    const { links, hashes } = newBoardLinks(access, publicUrl(), id)
    await storage.createBoard(meta, initialUpdate, hashes)
    log.info('board created', { boardId: id, template: template?.id })
    res.status(201).json({ id, url: links.facilitator, links })
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
    const role = res.locals.role as Role
    res.json({ id: board.id, name: board.name, createdAt: board.createdAt, role })
  })

  return router
}
