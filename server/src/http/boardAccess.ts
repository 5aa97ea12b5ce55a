/**
 * HTTP access to a board's routes ([A7]): one gate in front of every `/api/boards/:id/…` route,
 * so no router can forget it. The token comes from `Authorization: Bearer <token>` or `?token=`.
 *
 * Order: malformed id 400 → unknown board 404 → missing/wrong token 401 → role too weak 403.
 * What a role needs: any role may read (GET); writing (POST: asset upload, snapshot create,
 * restore, ballots) needs edit or facilitator; `…/links/…` (rotation) and `POST …/workshop` (workshop actions,
 * [WS3]) need facilitator; reading ballots (`GET …/votes/:voteId/ballots`) needs edit or facilitator too —
 * viewers don't vote ([WS6]).
 * Exceptions: `POST /api/boards/import` creates a board (no board yet), and `GET …/assets/:assetId`
 * is served without a token — asset ids are 128 random bits (capability URLs) used as tldraw
 * `<img src>` and cached `immutable`, where a token in the URL would break caching and leak into the doc.
 */
import type { NextFunction, Request, Response } from 'express'
import { canWrite, parseBoardId, type Role } from '@overlap/shared'
import type { AccessService } from '../access/accessService.js'
import { sendError } from './errors.js'

// Express matches routes ignoring case and a trailing slash (`/API/boards/…/Links/…/rotate/` reaches
// the rotate route), so the gate reads paths the same way: case-insensitive, trailing slashes dropped.
// A gate stricter than the router lets a variant through unchecked.
const BOARD_ROUTE = /^\/api\/boards\/([^/]+)(\/.*)?$/i
const ASSET_GET = /^\/assets\/[^/]+$/
const BALLOTS = /^\/votes\/[^/]+\/ballots$/

type Need = 'read' | 'write' | 'facilitator'

/** `rest`: the path after the board id, lower-cased, without trailing slashes. */
function needOf(method: string, rest: string): Need | 'open' {
  if ((method === 'GET' || method === 'HEAD') && ASSET_GET.test(rest)) return 'open'
  if (rest.startsWith('/links/') || rest === '/workshop') return 'facilitator'
  if (BALLOTS.test(rest)) return 'write'
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write'
}

/** What the refusal says, so a 403 tells which link would do. */
const NEEDS: Record<Need, string> = {
  read: 'any board link may read',
  write: 'this needs an edit or facilitator link',
  facilitator: 'this needs the facilitator link',
}
const ROLE_LINK: Record<Role, string> = { facilitator: 'the facilitator link', edit: 'an edit link', view: 'a view link' }

export function allows(role: Role, need: Need): boolean {
  switch (need) {
    case 'read':
      return true
    case 'write':
      return canWrite(role)
    case 'facilitator':
      return role === 'facilitator'
  }
}

/** The presented token: Bearer header first, else `?token=`; undefined if neither (unparsed). */
export function presentedToken(req: Request): unknown {
  const header = req.headers.authorization
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim())
    return m ? m[1] : null
  }
  const q = req.query.token
  // `?token=a&token=b` is ambiguous, not missing: malformed (401), as on the socket [A3].
  return typeof q === 'string' ? q : q === undefined ? undefined : null
}

/** Express middleware; sets `res.locals.role` for the routes behind it. */
export function boardAccessGate(access: AccessService) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const m = BOARD_ROUTE.exec(req.path)
    if (m === null || m[1]!.toLowerCase() === 'import') return next()
    // A preflight reads nothing: Express answers it with the route's methods (`Allow`), token or not.
    if (req.method === 'OPTIONS') return next()
    const need = needOf(req.method, (m[2] ?? '').toLowerCase().replace(/\/+$/, ''))
    if (need === 'open') return next()
    const id = parseBoardId(m[1])
    if (id === null) return sendError(res, 400, 'invalid_board_id', 'a board id is 22 characters of A–Z, a–z, 0–9, - and _')
    const decision = await access.authorize(id, presentedToken(req))
    switch (decision.kind) {
      case 'not-found':
        return sendError(res, 404, 'board_not_found', 'no board with this id')
      case 'unauthorized':
        return sendError(res, 401, 'unauthorized', 'a valid board link token is required (Authorization: Bearer <token> or ?token=)')
      case 'granted':
        if (!allows(decision.role, need)) {
          return sendError(res, 403, 'forbidden', `${NEEDS[need]}; this is ${ROLE_LINK[decision.role]}`)
        }
        res.locals.role = decision.role
        return next()
    }
  }
}
