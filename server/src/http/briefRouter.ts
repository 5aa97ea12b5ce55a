/**
 * The written brief of a board, built on the server from the STORED document (not from anyone's
 * browser): `GET /api/boards/:id/brief.md` and `GET /api/boards/:id/brief.json`. `buildBrief` is
 * deterministic, so for the same records and `generatedAt` this is byte-identical to the brief a
 * client computes from its synced doc ([W21]). `generatedAt` comes from the injected clock.
 *
 * Ended dot votes of the board (`workshop.voteHistory`) appear as a "Votes" section ([WS7]).
 *
 * `?download=1` on the Markdown adds `Content-Disposition: attachment` (the "Download brief" link);
 * without it the text shows in the browser tab.
 */
import { Router, type Request, type Response } from 'express'
import { buildBrief, parseBoardId, type Brief } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { BoardRecordsReader } from '../boards/readBoardRecords.js'
import { briefFilename } from '../boards/briefFilename.js'
import { sendError } from './errors.js'

export interface BriefRouterDeps {
  storage: BoardStorage
  readRecords: BoardRecordsReader
  now: () => number
}

export function briefRouter({ storage, readRecords, now }: BriefRouterDeps): Router {
  const router = Router()

  /** The brief and board name, or null once an error response was sent. */
  const briefOf = async (req: Request, res: Response): Promise<{ brief: Brief; boardName: string } | null> => {
    const id = parseBoardId(req.params.id)
    if (id === null) {
      sendError(res, 400, 'invalid_board_id', 'a board id is 22 characters of A–Z, a–z, 0–9, - and _')
      return null
    }
    const board = await storage.getBoard(id)
    const read = board === null ? null : await readRecords(id)
    if (board === null || read === null) {
      sendError(res, 404, 'board_not_found', 'no board with this id')
      return null
    }
    const generatedAt = new Date(now()).toISOString()
    return { brief: buildBrief(read.records, { boardName: board.name, generatedAt, votes: read.votes }), boardName: board.name }
  }

  router.get('/api/boards/:id/brief.md', async (req, res) => {
    const got = await briefOf(req, res)
    if (got === null) return
    res.setHeader('Content-Type', 'text/markdown; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (req.query.download === '1') {
      res.setHeader('Content-Disposition', `attachment; filename="${briefFilename(got.boardName)}"`)
    }
    res.send(got.brief.markdown)
  })

  router.get('/api/boards/:id/brief.json', async (req, res) => {
    const got = await briefOf(req, res)
    if (got === null) return
    res.setHeader('Cache-Control', 'no-store')
    res.json(got.brief.json)
  })

  return router
}
