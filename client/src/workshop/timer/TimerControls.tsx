/**
 * The facilitator's timer controls: start (presets or custom minutes, in a small menu), pause /
 * resume, +1 min, reset. Each is one `POST /workshop` action; the doc change comes back to every page
 * ([WS2]), so the display never moves before the server has agreed. Refusals show as a toast.
 */
import type { TimerState, WorkshopAction } from '@overlap/shared'
import { useState } from 'react'
import { useToasts } from 'tldraw'
import { useWorkshop } from '../WorkshopContext'
import { parseCustomMinutes } from './customMinutes'
import { useDismiss } from '../../ui/useDismiss'

const PRESET_MINUTES = [1, 3, 5, 10] as const

/** `done`: the time is up (the status stays `running`): pausing it would mean nothing, +1 min and Reset do. */
export function TimerControls({ status, done = false }: { status: TimerState['status']; done?: boolean }) {
  const { api } = useWorkshop()
  const { addToast } = useToasts()
  const [menuOpen, setMenuOpen] = useState(false)
  const menu = useDismiss<HTMLDivElement>(menuOpen, () => setMenuOpen(false))
  const [custom, setCustom] = useState('')
  const [customError, setCustomError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const act = async (action: WorkshopAction) => {
    setBusy(true)
    try {
      await api.act(action)
      return true
    } catch (err) {
      addToast({ severity: 'error', title: 'Timer', description: err instanceof Error ? err.message : String(err) })
      return false
    } finally {
      setBusy(false)
    }
  }
  const start = async (seconds: number) => {
    if (await act({ type: 'timer.start', seconds })) setMenuOpen(false)
  }
  const startCustom = () => {
    const parsed = parseCustomMinutes(custom)
    if (!parsed.ok) return setCustomError(parsed.error)
    setCustomError(null)
    void start(parsed.value)
  }

  return (
    <div className="ov-timer-controls" data-testid="timer-controls" onPointerDown={(e) => e.stopPropagation()}>
      {status === 'running' && !done && (
        <button type="button" className="ov-timer-btn" data-testid="timer-pause" disabled={busy} title="Pause" onClick={() => void act({ type: 'timer.pause' })}>
          Pause
        </button>
      )}
      {status === 'paused' && (
        <button type="button" className="ov-timer-btn" data-testid="timer-resume" disabled={busy} title="Resume" onClick={() => void act({ type: 'timer.resume' })}>
          Resume
        </button>
      )}
      {status !== 'idle' && (
        <>
          <button type="button" className="ov-timer-btn" data-testid="timer-add-minute" disabled={busy} title="Add one minute" onClick={() => void act({ type: 'timer.add', seconds: 60 })}>
            +1 min
          </button>
          <button type="button" className="ov-timer-btn" data-testid="timer-reset" disabled={busy} title="Stop and reset" onClick={() => void act({ type: 'timer.reset' })}>
            Reset
          </button>
        </>
      )}
      <div className="ov-timer-menu" ref={menu}>
        <button
          type="button"
          className="ov-timer-btn"
          data-testid="timer-menu-button"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {status === 'idle' ? 'Timer ▾' : 'New ▾'}
        </button>
        {menuOpen && (
          <div className="ov-timer-popover" data-testid="timer-menu">
            <div className="ov-timer-presets">
              {PRESET_MINUTES.map((m) => (
                <button key={m} type="button" className="ov-timer-btn" data-testid={`timer-preset-${m}`} disabled={busy} onClick={() => void start(m * 60)}>
                  {m} min
                </button>
              ))}
            </div>
            <form
              className="ov-timer-custom"
              onSubmit={(e) => {
                e.preventDefault()
                startCustom()
              }}
            >
              <input
                data-testid="timer-custom-minutes"
                aria-label="Custom minutes"
                placeholder="min (e.g. 7 or 1:30)"
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                onKeyDown={(e) => e.stopPropagation()}
              />
              <button type="submit" className="ov-timer-btn" data-testid="timer-custom-start" disabled={busy}>
                Start
              </button>
            </form>
            {customError && (
              <div className="ov-timer-error" role="alert" data-testid="timer-custom-error">
                {customError}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  )
}
