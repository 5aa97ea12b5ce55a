/**
 * The facilitator's workshop actions: `POST /api/boards/:id/workshop` with one of these as JSON
 * (facilitator token). Parsed at the edge; the server applies them to the doc's `workshop` map with
 * its own clock ([WS3]). Ballots are not actions: see `ballots.ts`.
 */
import { MAX_TIMER_MS, type VoteConfig } from './state.js'

export type WorkshopAction =
  | { type: 'timer.start'; seconds: number }
  | { type: 'timer.pause' }
  | { type: 'timer.resume' }
  | { type: 'timer.reset' }
  | { type: 'timer.add'; seconds: number }
  | { type: 'vote.start'; cardIds: string[]; scopeLabel: string; config: VoteConfig }
  | { type: 'vote.end' }
  | { type: 'vote.cancel' }
  | { type: 'private.start'; frameId: string | null }
  | { type: 'private.reveal' }

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string }

export const MAX_VOTE_CARDS = 500

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const SHAPE_ID = /^shape:[A-Za-z0-9_-]{1,64}$/

function seconds(v: unknown, field: string, min: number): ParseResult<number> {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v * 1000 > MAX_TIMER_MS) {
    return { ok: false, error: `${field} must be a whole number of seconds from ${min} to ${MAX_TIMER_MS / 1000}` }
  }
  return { ok: true, value: v }
}

export function parseWorkshopAction(input: unknown): ParseResult<WorkshopAction> {
  if (!isObject(input) || typeof input.type !== 'string') return { ok: false, error: 'body must be a JSON object with a "type"' }
  switch (input.type) {
    case 'timer.start':
    case 'timer.add': {
      const s = seconds(input.seconds, 'seconds', input.type === 'timer.add' ? -MAX_TIMER_MS / 1000 : 1)
      return s.ok ? { ok: true, value: { type: input.type, seconds: s.value } } : s
    }
    case 'timer.pause':
    case 'timer.resume':
    case 'timer.reset':
    case 'vote.end':
    case 'vote.cancel':
    case 'private.reveal':
      return { ok: true, value: { type: input.type } }
    case 'private.start': {
      const f = input.frameId ?? null
      if (f !== null && (typeof f !== 'string' || !SHAPE_ID.test(f))) return { ok: false, error: 'frameId must be a shape id or null' }
      return { ok: true, value: { type: 'private.start', frameId: f } }
    }
    case 'vote.start': {
      const ids = input.cardIds
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_VOTE_CARDS) {
        return { ok: false, error: `cardIds must list 1 to ${MAX_VOTE_CARDS} card ids` }
      }
      if (!ids.every((id) => typeof id === 'string' && SHAPE_ID.test(id))) return { ok: false, error: 'cardIds must be shape ids' }
      if (new Set(ids).size !== ids.length) return { ok: false, error: 'cardIds must not repeat' }
      const c = isObject(input.config) ? input.config : null
      if (!c) return { ok: false, error: 'config must be an object' }
      const n = c.votesPerPerson
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 99) {
        return { ok: false, error: 'config.votesPerPerson must be a whole number from 1 to 99' }
      }
      const label = typeof input.scopeLabel === 'string' ? input.scopeLabel.slice(0, 200) : ''
      return {
        ok: true,
        value: {
          type: 'vote.start',
          cardIds: ids as string[],
          scopeLabel: label,
          config: { votesPerPerson: n, onePerCard: c.onePerCard === true, anonymous: c.anonymous !== false },
        },
      }
    }
    default:
      return { ok: false, error: `unknown action type "${String(input.type).slice(0, 40)}"` }
  }
}
