import { describe, expect, it } from 'vitest'
import { falseRoleClaim } from './awarenessRole.js'

const entry = (state: unknown) => ({ clientId: 7, clock: 1, state })

describe('[WS10] awareness role claims', () => {
  it('[WS10] passes states without an overlap field, removals and true claims', () => {
    expect(falseRoleClaim([entry({ user: { name: 'x' } }), entry(null), entry({ overlap: null })], 'view')).toBeNull()
    expect(falseRoleClaim([entry({ overlap: { role: 'edit', userId: 'u' } })], 'edit')).toBeNull()
  })
  it('[WS10] flags another role or an unreadable claim', () => {
    expect(falseRoleClaim([entry({ overlap: { role: 'facilitator', userId: 'u' } })], 'edit')).toMatch(/claims role "facilitator" on a edit/)
    expect(falseRoleClaim([entry({ overlap: { role: 'boss' } })], 'facilitator')).toMatch(/unreadable/)
    expect(falseRoleClaim([entry({ ok: 1 }), entry({ overlap: 'x' })], 'edit')).not.toBeNull()
  })
})
