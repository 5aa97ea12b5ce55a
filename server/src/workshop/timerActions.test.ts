import { describe, expect, it } from 'vitest'
import { MAX_TIMER_MS, parseWorkshopAction, timerRemainingMs, type TimerState, type WorkshopAction } from '@overlap/shared'
import { applyTimerAction, type TimerAction } from './timerActions.js'

const act = (input: unknown): TimerAction => {
  const p = parseWorkshopAction(input)
  if (!p.ok) throw new Error(p.error)
  return p.value as Extract<WorkshopAction, { type: `timer.${string}` }>
}
const run = (timer: TimerState, input: unknown, now: number) => applyTimerAction(timer, act(input), now)
const idle: TimerState = { status: 'idle', durationMs: 300_000 }

describe('[WS4] timer actions on the server clock', () => {
  it('[WS4] start runs for seconds from now, from any state', () => {
    expect(run(idle, { type: 'timer.start', seconds: 90 }, 1000)).toEqual({ ok: true, timer: { status: 'running', durationMs: 90_000, endsAt: 91_000, setAt: 1000 } })
    const paused: TimerState = { status: 'paused', durationMs: 10_000, remainingMs: 5 }
    expect(run(paused, { type: 'timer.start', seconds: 1 }, 0)).toMatchObject({ ok: true, timer: { status: 'running', endsAt: 1000 } })
  })

  it('[WS4] pause keeps what is left, resume restarts from it; each refuses the wrong state', () => {
    const running: TimerState = { status: 'running', durationMs: 60_000, endsAt: 70_000 }
    const paused = run(running, { type: 'timer.pause' }, 40_000)
    expect(paused).toEqual({ ok: true, timer: { status: 'paused', durationMs: 60_000, remainingMs: 30_000 } })
    expect(run((paused as { timer: TimerState }).timer, { type: 'timer.resume' }, 100_000)).toEqual({
      ok: true,
      timer: { status: 'running', durationMs: 60_000, endsAt: 130_000, setAt: 100_000 },
    })
    // A pause after the end keeps 0, not a negative time.
    expect(run(running, { type: 'timer.pause' }, 99_000)).toMatchObject({ timer: { remainingMs: 0 } })
    expect(run(idle, { type: 'timer.pause' }, 0)).toMatchObject({ ok: false, code: 'timer_not_running' })
    expect(run(running, { type: 'timer.resume' }, 0)).toMatchObject({ ok: false, code: 'timer_not_paused' })
  })

  it('[WS4] reset goes idle with the last duration', () => {
    expect(run({ status: 'running', durationMs: 42_000, endsAt: 5 }, { type: 'timer.reset' }, 0)).toEqual({ ok: true, timer: { status: 'idle', durationMs: 42_000 } })
  })

  it('[WS4] add moves the end, the remaining or the duration, clamped to [0, MAX]', () => {
    const running: TimerState = { status: 'running', durationMs: 60_000, endsAt: 70_000 }
    expect(run(running, { type: 'timer.add', seconds: 30 }, 10_000)).toMatchObject({ timer: { endsAt: 100_000, durationMs: 60_000, setAt: 10_000 } })
    // Below zero: it simply shows 0 (ends now).
    expect(run(running, { type: 'timer.add', seconds: -600 }, 10_000)).toMatchObject({ timer: { status: 'running', endsAt: 10_000 } })
    expect(run(running, { type: 'timer.add', seconds: MAX_TIMER_MS / 1000 }, 10_000)).toMatchObject({ timer: { endsAt: 10_000 + MAX_TIMER_MS } })
    expect(run({ status: 'paused', durationMs: 1, remainingMs: 5000 }, { type: 'timer.add', seconds: -10 }, 0)).toMatchObject({ timer: { remainingMs: 0 } })
    expect(run({ status: 'paused', durationMs: 1, remainingMs: 5000 }, { type: 'timer.add', seconds: 10 }, 0)).toMatchObject({ timer: { remainingMs: 15_000 } })
    expect(run(idle, { type: 'timer.add', seconds: 60 }, 0)).toEqual({ ok: true, timer: { status: 'idle', durationMs: 360_000 } })
    expect(run(idle, { type: 'timer.add', seconds: -600 }, 0)).toEqual({ ok: true, timer: { status: 'idle', durationMs: 0 } })
  })

  it('[WS4] a page whose clock estimate lags never shows more than was set (capped at endsAt − setAt)', () => {
    const t: TimerState = { status: 'running', durationMs: 300_000, endsAt: 301_000, setAt: 1000 }
    expect(timerRemainingMs(t, 990)).toBe(300_000)
    expect(timerRemainingMs(t, 2000)).toBe(299_000)
    expect(timerRemainingMs(t, 400_000)).toBe(0)
    // A doc written before setAt existed: no cap.
    expect(timerRemainingMs({ status: 'running', durationMs: 300_000, endsAt: 301_000 }, 990)).toBe(300_010)
  })
})
