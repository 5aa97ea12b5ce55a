/**
 * The facilitator's "custom minutes" field, parsed before it becomes a `timer.start` action: minutes
 * with an optional fraction ("2.5") or `m:ss` ("1:30"), within the contract's limit (MAX_TIMER_MS).
 */
import { MAX_TIMER_MS, type ParseResult } from '@overlap/shared'

const MAX_MINUTES = MAX_TIMER_MS / 60_000

export function parseCustomMinutes(input: string): ParseResult<number> {
  const text = input.trim()
  if (text === '') return { ok: false, error: 'Enter a number of minutes' }
  const mss = /^(\d{1,3}):([0-5]\d)$/.exec(text)
  const seconds = mss ? Number(mss[1]) * 60 + Number(mss[2]) : /^\d{0,3}([.,]\d+)?$/.test(text) ? Math.round(Number(text.replace(',', '.')) * 60) : NaN
  if (!Number.isFinite(seconds)) return { ok: false, error: 'Minutes must be a number like 7, 2.5 or 1:30' }
  if (seconds < 1) return { ok: false, error: 'The timer needs at least one second' }
  if (seconds > MAX_MINUTES * 60) return { ok: false, error: `At most ${MAX_MINUTES} minutes` }
  return { ok: true, value: seconds }
}
