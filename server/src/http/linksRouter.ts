/**
 * `POST /api/boards/:id/links/:role/rotate` → 200 `{ role, link }` ([A6]). Facilitator only (the
 * gate in boardAccess.ts checks that). The old token stops working at once: its hash is replaced,
 * and every socket that joined with it is closed with Unauthorized (4401).
 */
import { Router } from 'express'
import { boardLink, parseBoardId, parseRole } from '@overlap/shared'
import type { AccessService } from '../access/accessService.js'
import type { Logger } from '../log.js'
import { sendError } from './errors.js'

export function linksRouter({ access, log, publicUrl }: { access: AccessService; log: Logger; publicUrl: () => string }): Router {
  const router = Router()
  router.post('/api/boards/:id/links/:role/rotate', async (req, res) => {
    const id = parseBoardId(req.params.id)
    const role = parseRole(req.params.role)
    if (id === null) return sendError(res, 400, 'invalid_board_id', 'malformed board id')
    if (role === null) return sendError(res, 400, 'invalid_role', 'role must be facilitator, edit or view')
    const token = await access.rotate(id, role)
    log.info('link rotated', { boardId: id, role })
    res.json({ role, link: boardLink(publicUrl(), id, token) })
  })
  return router
}
