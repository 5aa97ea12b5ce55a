/**
 * The workshop timer in the top panel, for everyone (viewers too): the remaining time from the doc's
 * timer and the server clock ([WS3]/[WS4]), red and pulsing with a "Time's up" banner and a beep at
 * the end; a minute after the end, or once dismissed, a calm red 00:00. Idle, it stays out of the way: hidden for participants, a "Timer" button for the facilitator.
 */
import { useWorkshop } from '../WorkshopContext'
import { formatRemaining } from './formatRemaining'
import { TimerControls } from './TimerControls'
import { isTimeUpAlarm, timerRunKey, timerView } from './timerView'
import { useServerNow } from './useServerNow'
import { useTimeUpSignal } from './useTimeUpSignal'
import './timer.css'

export function WorkshopTimer() {
  const { state, clock, isFacilitator } = useWorkshop()
  const timer = state.timer
  const now = useServerNow(clock, timer.status === 'running')
  const view = timerView(timer, now)
  const signal = useTimeUpSignal(view.done, timerRunKey(timer))
  const alarm = isTimeUpAlarm(view, signal.dismissed)

  if (timer.status === 'idle' && !isFacilitator) return null
  return (
    <div className="ov-timer-wrap">
      <div
        className={`ov-timer ov-timer-${view.status}${alarm ? ' ov-timer-done' : view.done ? ' ov-timer-ended' : ''}`}
        data-testid="timer"
        data-status={view.status}
        data-done={view.done}
        data-alarm={alarm}
        data-remaining-ms={Math.round(view.remainingMs)}
        role="timer"
        aria-live="off"
      >
        {timer.status !== 'idle' && (
          <>
            <span className="ov-timer-remaining" data-testid="timer-remaining">
              {formatRemaining(view.remainingMs)}
            </span>
            {timer.status === 'paused' && <span className="ov-timer-tag">paused</span>}
          </>
        )}
        {isFacilitator && <TimerControls status={timer.status} done={view.done} />}
      </div>
      {alarm && (
        <div className="ov-timer-banner" role="alert" data-testid="timer-done">
          Time's up
          <button type="button" className="ov-timer-banner-close" aria-label="Dismiss" onClick={signal.dismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  )
}
