/**
 * Images pasted or dropped on a board: `POST /api/boards/:id/assets` (raw body) → 201 `{ url }`;
 * `GET /api/boards/:id/assets/:assetId` serves them. Assets are immutable (a new upload gets a
 * new id), so they are served with a year-long cache.
 *
 * Checks run cheapest first and before the body is read: id (400), board exists (404), content
 * type (415), declared length (413); the body parser enforces the limit again while reading.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express'
import { generateBoardId, parseAssetContentType, parseBoardId } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { sendError } from './errors.js'
import { NOT_AN_IMAGE, sniffImageType } from './imageType.js'

/** Asset ids look like board ids: 128 random bits, base64url. */
const ASSET_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

/**
 * SVG can carry scripts. Served as a document of our origin it could run them, so SVGs get a
 * sandboxing CSP (no scripts, no same-origin) — `<img src>` use by tldraw is unaffected.
 */
export const SVG_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"

export interface AssetsRouterDeps {
  storage: BoardStorage
  log: Logger
  maxUploadBytes: number
}

export function assetsRouter({ storage, log, maxUploadBytes }: AssetsRouterDeps): Router {
  const router = Router()
  const readBody = express.raw({ type: () => true, limit: maxUploadBytes })

  router.post(
    '/api/boards/:id/assets',
    async (req: Request, res: Response, next: NextFunction) => {
      const id = parseBoardId(req.params.id)
      if (id === null) return sendError(res, 400, 'invalid_board_id', 'malformed board id')
      if ((await storage.getBoard(id)) === null) return sendError(res, 404, 'board_not_found', 'no board with this id')
      if (parseAssetContentType(req.headers['content-type']) === null) {
        return sendError(res, 415, 'unsupported_media_type', 'Content-Type must be image/png, jpeg, gif, webp or svg+xml')
      }
      const declared = Number(req.headers['content-length'])
      if (Number.isFinite(declared) && declared > maxUploadBytes) {
        return sendError(res, 413, 'too_large', `uploads are limited to ${maxUploadBytes} bytes`)
      }
      next()
    },
    readBody,
    async (req: Request, res: Response) => {
      const id = parseBoardId(req.params.id)!
      const declared = parseAssetContentType(req.headers['content-type'])!
      const body: unknown = req.body
      if (!(body instanceof Buffer) || body.byteLength === 0) {
        return sendError(res, 400, 'empty_body', 'the request body must be the image bytes')
      }
      // Stored and served as what the bytes are, not as what the file name said.
      const contentType = sniffImageType(body)
      if (contentType === null) return sendError(res, 415, 'not_an_image', `${NOT_AN_IMAGE} (declared ${declared})`)
      const assetId = generateBoardId()
      await storage.putAsset(id, assetId, { contentType, bytes: body })
      log.info('asset stored', { boardId: id, assetId, bytes: body.byteLength, contentType, ...(contentType !== declared ? { declared } : {}) })
      res.status(201).json({ url: `/api/boards/${id}/assets/${assetId}` })
    }
  )

  router.get('/api/boards/:id/assets/:assetId', async (req, res) => {
    const id = parseBoardId(req.params.id)
    const assetId = ASSET_ID_PATTERN.test(req.params.assetId) ? req.params.assetId : null
    if (id === null || assetId === null) return sendError(res, 400, 'invalid_id', 'malformed board or asset id')
    const asset = await storage.getAsset(id, assetId)
    if (asset === null) return sendError(res, 404, 'asset_not_found', 'no such asset')
    res.setHeader('Content-Type', asset.contentType)
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (asset.contentType === 'image/svg+xml') res.setHeader('Content-Security-Policy', SVG_CSP)
    res.end(Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength))
  })

  return router
}
