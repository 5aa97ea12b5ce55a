import { describe, expect, it } from 'vitest'
import { IDLE_AFTER_MS, mergeStatus, personStatus } from './personStatus'

describe('[WS11] personStatus', () => {
  const now = 1_000_000
  it('a hidden tab is away, whatever its activity', () => {
    expect(personStatus({ away: true, lastActivityMs: now, nowMs: now })).toBe('away')
  })
  it('active within the idle window, idle after it', () => {
    expect(personStatus({ away: false, lastActivityMs: now - IDLE_AFTER_MS + 1, nowMs: now })).toBe('active')
    expect(personStatus({ away: false, lastActivityMs: now - IDLE_AFTER_MS - 1, nowMs: now })).toBe('idle')
    expect(personStatus({ away: false, lastActivityMs: now - 2_000, nowMs: now, idleAfterMs: 1_000 })).toBe('idle')
  })
  it('never moved (no timestamp) counts as active; a future timestamp (clock skew) too', () => {
    expect(personStatus({ away: false, lastActivityMs: null, nowMs: now })).toBe('active')
    expect(personStatus({ away: false, lastActivityMs: now + 90_000, nowMs: now })).toBe('active')
  })
  it('several tabs: the most attentive one wins', () => {
    expect(mergeStatus('away', 'idle')).toBe('idle')
    expect(mergeStatus('idle', 'active')).toBe('active')
    expect(mergeStatus('away', 'away')).toBe('away')
  })
})
