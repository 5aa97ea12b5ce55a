/**
 * `POST /api/boards/import?name=…` with a `.tldr` file (or a store snapshot as `GET …/snapshot`
 * returns) as the body → 201 `{ id, url, shapes }` ([SN8], [SN9]). The body is read as text whatever
 * its content type (browsers send `.tldr` as `application/octet-stream` or nothing), parsed and
 * migrated by `parseTldrawFile`, and the board is created only once every record validated: a broken
 * or foreign file is a 400 with the reason, and nothing is stored.
 */
import express, { Router } from 'express'
import * as Y from 'yjs'
import type { TLSchema } from '@tldraw/tlschema'
import { generateBoardId, parseBoardName, parseTldrawFile, writeDocSchema, writeRecordsToDoc, MAX_BOARD_NAME_CHARS } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { Logger } from '../log.js'
import { sendError } from './errors.js'
import type { AccessService } from '../access/accessService.js'
import { newBoardLinks } from './boardsRouter.js'
import { extractInlineImages } from './inlineImages.js'

export const DEFAULT_IMPORT_NAME = 'Imported board'

export interface ImportRouterDeps {
  storage: BoardStorage
  access: AccessService
  schema: TLSchema
  log: Logger
  publicUrl: () => string
  now: () => number
  maxUploadBytes: number
}

export function importRouter({ storage, access, schema, log, publicUrl, now, maxUploadBytes }: ImportRouterDeps): Router {
  const router = Router()

  router.post('/api/boards/import', express.text({ type: () => true, limit: maxUploadBytes }), async (req, res) => {
    const rawName = req.query.name
    const name = rawName === undefined ? DEFAULT_IMPORT_NAME : parseBoardName(rawName)
    if (name === null) {
      sendError(res, 400, 'invalid_name', `?name= must be 1–${MAX_BOARD_NAME_CHARS} characters`)
      return
    }
    const text: unknown = req.body
    if (typeof text !== 'string' || text.length === 0) {
      sendError(res, 400, 'empty_body', 'send the .tldr file as the request body')
      return
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      sendError(res, 400, 'invalid_json', `not a .tldr file: the body is not valid JSON (${e instanceof Error ? e.message : String(e)})`)
      return
    }
    const parsed = parseTldrawFile(json, schema)
    if (!parsed.ok) {
      sendError(res, 400, parsed.error, parsed.message)
      return
    }
    const id = generateBoardId()
    // Images the file carries inline (tldraw.com) become the board's assets, referenced by URL.
    const inline = extractInlineImages(parsed.records, id, maxUploadBytes)
    if (!inline.ok) {
      sendError(res, inline.status, inline.error, inline.message)
      return
    }
    const doc = new Y.Doc()
    let initialUpdate: Uint8Array
    try {
      doc.transact(() => {
        writeRecordsToDoc(doc, inline.records)
        writeDocSchema(doc, schema.serialize())
      })
      initialUpdate = Y.encodeStateAsUpdate(doc)
    } finally {
      doc.destroy()
    }
    const { links, hashes } = newBoardLinks(access, publicUrl(), id)
    // One transaction: a crash mid-import leaves no board without its images.
    const assets = inline.images.map((image) => ({ assetId: image.assetId, asset: { contentType: image.contentType, bytes: image.bytes } }))
    await storage.createBoard({ id, name, createdAt: now() }, initialUpdate, hashes, assets)
    const shapes = parsed.records.filter((r) => r.typeName === 'shape').length
    log.info('board imported', { boardId: id, shapes, images: inline.images.length, schemaWas: parsed.schemaWas, dropped: parsed.droppedSessionRecords })
    res.status(201).json({ id, url: links.facilitator, links, shapes, migrated: parsed.schemaWas === 'older' })
  })

  return router
}
