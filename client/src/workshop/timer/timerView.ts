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
}

export function timerView(timer: TimerState, serverNow: number): TimerView {
  const remainingMs = timerRemainingMs(timer, serverNow)
  const progress = timer.durationMs > 0 ? Math.min(1, Math.max(0, 1 - remainingMs / timer.durationMs)) : 0
  return { status: timer.status, remainingMs, done: timer.status === 'running' && remainingMs === 0, progress }
}

/** Identifies one run of the timer, so the end signal fires once per run (not per re-render). */
export function timerRunKey(timer: TimerState): string | null {
  return timer.status === 'running' ? `run:${timer.endsAt}` : null
}
