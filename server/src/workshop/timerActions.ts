/**
 * Timer semantics ([WS4]) as a pure function of the current timer, the action and the SERVER's
 * clock: every participant's countdown derives from `endsAt`/`remainingMs` stamped here, never from
 * a browser's clock.
 */
import { MAX_TIMER_MS, timerRemainingMs, type TimerState, type WorkshopAction } from '@overlap/shared'

export type TimerAction = Extract<WorkshopAction, { type: `timer.${string}` }>

/** The new timer, or why the action does not apply to the current one (HTTP 409). */
export type TimerOutcome = { ok: true; timer: TimerState } | { ok: false; code: string; message: string }

const clamp = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, ms))

export function applyTimerAction(timer: TimerState, action: TimerAction, now: number): TimerOutcome {
  switch (action.type) {
    case 'timer.start': {
      const durationMs = clamp(action.seconds * 1000)
      return { ok: true, timer: { status: 'running', durationMs, endsAt: now + durationMs, setAt: now } }
    }
    case 'timer.pause':
      if (timer.status !== 'running') return { ok: false, code: 'timer_not_running', message: `only a running timer can be paused (it is ${timer.status})` }
      return { ok: true, timer: { status: 'paused', durationMs: timer.durationMs, remainingMs: timerRemainingMs(timer, now) } }
    case 'timer.resume':
      if (timer.status !== 'paused') return { ok: false, code: 'timer_not_paused', message: `only a paused timer can be resumed (it is ${timer.status})` }
      return { ok: true, timer: { status: 'running', durationMs: timer.durationMs, endsAt: now + clamp(timer.remainingMs), setAt: now } }
    case 'timer.reset':
      return { ok: true, timer: { status: 'idle', durationMs: timer.durationMs } }
    case 'timer.add': {
      const ms = action.seconds * 1000
      switch (timer.status) {
        case 'idle':
          return { ok: true, timer: { status: 'idle', durationMs: clamp(timer.durationMs + ms) } }
        case 'paused':
          return { ok: true, timer: { ...timer, remainingMs: clamp(timer.remainingMs + ms) } }
        case 'running':
          // Clamped on what is LEFT: a timer taken below zero simply shows 0 (it has run out).
          return { ok: true, timer: { ...timer, endsAt: now + clamp(timer.endsAt - now + ms), setAt: now } }
      }
    }
  }
}
