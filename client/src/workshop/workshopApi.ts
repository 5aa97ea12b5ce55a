/**
 * The facilitator's workshop actions and the participants' ballots over HTTP (shared/PROTOCOL.md).
 * Only the server writes the doc's `workshop` map [WS2]; these calls ask it to. Responses are parsed.
 */
import { parseWorkshopAction, type BallotRequest, type MyBallots, type WorkshopAction } from '@overlap/shared'
import { ApiError } from '../api/boardsApi'

/** Server errors are `{ error: <code>, message: <reason> }` (server/src/http/errors.ts). */
async function errorFrom(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null)
  const o = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const msg = typeof o.message === 'string' ? o.message : typeof o.error === 'string' ? o.error : `request failed (${res.status})`
  return new ApiError(msg, res.status)
}

export interface WorkshopApi {
  /** Sends one facilitator action; rejects with ApiError (e.g. 409 "no vote is open"). */
  act(action: WorkshopAction): Promise<void>
  castBallot(voteId: string, ballot: BallotRequest): Promise<MyBallots>
  myBallots(voteId: string, voterKey: string): Promise<MyBallots>
}

function parseMyBallots(raw: unknown, voteId: string): MyBallots {
  const o = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const mine: Record<string, number> = {}
  if (o.mine !== null && typeof o.mine === 'object') {
    for (const [k, v] of Object.entries(o.mine as Record<string, unknown>)) if (typeof v === 'number' && v > 0) mine[k] = v
  }
  return { voteId, mine, left: typeof o.left === 'number' ? o.left : 0 }
}

/** `fetchImpl` must add the board's token (client/src/access/boardAccess.ts `boardFetch`). */
export function createWorkshopApi(boardId: string, fetchImpl: typeof fetch): WorkshopApi {
  const base = `/api/boards/${encodeURIComponent(boardId)}`
  const json = { 'Content-Type': 'application/json' }
  return {
    async act(action) {
      // Parse our own request too: a UI bug shows as a clear error here, not as a 400 later.
      const parsed = parseWorkshopAction(action)
      if (!parsed.ok) throw new ApiError(parsed.error, 400)
      const res = await fetchImpl(`${base}/workshop`, { method: 'POST', headers: json, body: JSON.stringify(action) })
      if (!res.ok) throw await errorFrom(res)
    },
    async castBallot(voteId, ballot) {
      const res = await fetchImpl(`${base}/votes/${encodeURIComponent(voteId)}/ballots`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(ballot),
      })
      if (!res.ok) throw await errorFrom(res)
      return parseMyBallots(await res.json(), voteId)
    },
    async myBallots(voteId, voterKey) {
      const res = await fetchImpl(`${base}/votes/${encodeURIComponent(voteId)}/ballots?voterKey=${encodeURIComponent(voterKey)}`)
      if (!res.ok) throw await errorFrom(res)
      return parseMyBallots(await res.json(), voteId)
    },
  }
}
