import { MAX_TIMER_MS, type TimerState } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { createBeeper } from './beep'
import { parseCustomMinutes } from './customMinutes'
import { formatRemaining } from './formatRemaining'
import { TIME_UP_ALARM_MS, isTimeUpAlarm, timerRunKey, timerView } from './timerView'

describe('formatRemaining', () => {
  it('shows mm:ss, rounding seconds up like a kitchen timer', () => {
    expect(formatRemaining(300_000)).toBe('05:00')
    expect(formatRemaining(299_001)).toBe('05:00')
    expect(formatRemaining(299_000)).toBe('04:59')
    expect(formatRemaining(1)).toBe('00:01')
    expect(formatRemaining(0)).toBe('00:00')
  })
  it('never shows a negative or NaN time', () => {
    expect(formatRemaining(-5_000)).toBe('00:00')
    expect(formatRemaining(Number.NaN)).toBe('00:00')
  })
  it('shows hours past sixty minutes', () => {
    expect(formatRemaining(3_600_000)).toBe('1:00:00')
    expect(formatRemaining(MAX_TIMER_MS)).toBe('4:00:00')
    expect(formatRemaining(3_599_000)).toBe('59:59')
  })
})

describe('parseCustomMinutes', () => {
  it('reads whole, fractional and m:ss minutes as seconds', () => {
    expect(parseCustomMinutes('7')).toEqual({ ok: true, value: 420 })
    expect(parseCustomMinutes(' 2.5 ')).toEqual({ ok: true, value: 150 })
    expect(parseCustomMinutes('2,5')).toEqual({ ok: true, value: 150 })
    expect(parseCustomMinutes('1:30')).toEqual({ ok: true, value: 90 })
    expect(parseCustomMinutes('.5')).toEqual({ ok: true, value: 30 })
  })
  it('refuses empty, garbage, zero and over the limit with a reason', () => {
    expect(parseCustomMinutes('')).toEqual({ ok: false, error: 'Enter a number of minutes' })
    expect(parseCustomMinutes('ten')).toMatchObject({ ok: false, error: expect.stringContaining('number') })
    expect(parseCustomMinutes('-3')).toMatchObject({ ok: false })
    expect(parseCustomMinutes('1:75')).toMatchObject({ ok: false })
    expect(parseCustomMinutes('0')).toMatchObject({ ok: false, error: expect.stringContaining('second') })
    expect(parseCustomMinutes('241')).toEqual({ ok: false, error: 'At most 240 minutes' })
    expect(parseCustomMinutes('240')).toEqual({ ok: true, value: 14_400 })
  })
})

describe('timerView', () => {
  const running: TimerState = { status: 'running', durationMs: 60_000, endsAt: 1_000_000 }
  it('[WS4] counts down from the server-stamped end, the same for any page at the same server time', () => {
    expect(timerView(running, 970_000)).toMatchObject({ status: 'running', remainingMs: 30_000, done: false, progress: 0.5 })
  })
  it('[WS4] is done exactly when a running timer reaches zero, and stays at zero after', () => {
    expect(timerView(running, 999_999).done).toBe(false)
    expect(timerView(running, 1_000_000)).toMatchObject({ remainingMs: 0, done: true, progress: 1 })
    expect(timerView(running, 5_000_000)).toMatchObject({ remainingMs: 0, done: true })
  })
  it('[WS4] a paused or idle timer ignores the clock and is never done', () => {
    const paused: TimerState = { status: 'paused', durationMs: 60_000, remainingMs: 12_000 }
    expect(timerView(paused, 0)).toMatchObject({ remainingMs: 12_000, done: false })
    expect(timerView(paused, 9e12)).toMatchObject({ remainingMs: 12_000, done: false })
    expect(timerView({ status: 'paused', durationMs: 60_000, remainingMs: 0 }, 0).done).toBe(false)
    expect(timerView({ status: 'idle', durationMs: 300_000 }, 0)).toMatchObject({ remainingMs: 300_000, done: false, progress: 0 })
  })
  it('[WS4] the end is an alarm for a minute, unless dismissed on this page; then a calm end', () => {
    const at = (now: number, dismissed: boolean) => isTimeUpAlarm(timerView(running, now), dismissed)
    expect(at(999_999, false)).toBe(false)
    expect(at(1_000_000, false)).toBe(true)
    expect(at(1_000_000, true)).toBe(false)
    expect(at(1_000_000 + TIME_UP_ALARM_MS - 1, false)).toBe(true)
    expect(at(1_000_000 + TIME_UP_ALARM_MS, false)).toBe(false)
    expect(timerView(running, 1_000_000 + 90_000).endedMsAgo).toBe(90_000)
    expect(timerView(running, 970_000).endedMsAgo).toBe(0)
  })
  it('gives each run its own key (so the end signal fires once per run)', () => {
    expect(timerRunKey(running)).toBe('run:1000000')
    expect(timerRunKey({ ...running, endsAt: 1_060_000 })).not.toBe(timerRunKey(running))
    expect(timerRunKey({ status: 'idle', durationMs: 1 })).toBeNull()
  })
})

describe('createBeeper', () => {
  it('never throws when audio is missing or blocked', () => {
    expect(() => createBeeper(() => null).beep()).not.toThrow()
    expect(() =>
      createBeeper(() => {
        throw new Error('NotAllowedError')
      }).beep()
    ).not.toThrow()
    const broken = { state: 'running', currentTime: 0, createOscillator: () => { throw new Error('closed') } } as unknown as AudioContext
    const b = createBeeper(() => broken)
    expect(() => b.beep()).not.toThrow()
    expect(() => b.dispose()).not.toThrow()
  })
  it('plays three pips on one context, resuming a suspended one', () => {
    let created = 0
    let started = 0
    let resumed = 0
    const param = { value: 0, setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} }
    const node = () => ({ connect: (n: unknown) => n ?? node() })
    const ctx = {
      state: 'suspended',
      currentTime: 0,
      destination: {},
      resume: () => ((resumed += 1), Promise.resolve()),
      close: () => Promise.resolve(),
      createGain: () => ({ ...node(), gain: param }),
      createOscillator: () => ({ ...node(), frequency: { value: 0 }, connect: (n: unknown) => n, start: () => (started += 1), stop: () => {} }),
    }
    const b = createBeeper(() => ((created += 1), ctx as unknown as AudioContext))
    b.beep()
    b.beep()
    expect({ created, started, resumed }).toEqual({ created: 1, started: 6, resumed: 2 })
  })
})
