/**
 * What the timer shows at a given server time ([WS3]/[WS4]): every page computes it from the same doc
 * value and its own estimate of the server clock, so late joiners and viewers read the same time.
 */
import { timerRemainingMs, type TimerState } from '@overlap/shared'

export interface TimerView {
  status: TimerState['status']
  remainingMs: number
  /** Running and nothing left: the end signal is on until the facilitator resets or restarts. */
  done: boolean
  /** 0..1 of the duration used up (for the progress ring). */
  progress: number
  /** How long ago the run ended (0 unless `done`). */
  endedMsAgo: number
}

/**
 * How long the end of a run is an alarm (pulsing, banner). After that, or once dismissed on this
 * page, it is a calm red 00:00 until the facilitator resets: a timer nobody reset is old news, and a
 * newcomer, or someone who already looked, should not face a pulsing alarm minutes later.
 */
export const TIME_UP_ALARM_MS = 60_000

/** Whether the end of a run is shown as an alarm (pulsing, banner) on this page. */
export function isTimeUpAlarm(view: TimerView, dismissed: boolean): boolean {
  return view.done && !dismissed && view.endedMsAgo < TIME_UP_ALARM_MS
}

export function timerView(timer: TimerState, serverNow: number): TimerView {
  const remainingMs = timerRemainingMs(timer, serverNow)
  const progress = timer.durationMs > 0 ? Math.min(1, Math.max(0, 1 - remainingMs / timer.durationMs)) : 0
  const done = timer.status === 'running' && remainingMs === 0
  const endedMsAgo = done ? Math.max(0, serverNow - timer.endsAt) : 0
  return { status: timer.status, remainingMs, done, progress, endedMsAgo }
}

/** Identifies one run of the timer, so the end signal fires once per run (not per re-render). */
export function timerRunKey(timer: TimerState): string | null {
  return timer.status === 'running' ? `run:${timer.endsAt}` : null
}
