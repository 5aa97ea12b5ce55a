import { describe, expect, it } from 'vitest'
import { falseRoleClaim } from './awarenessRole.js'

const entry = (state: unknown, clock = 1) => ({ clientId: 7, clock, json: JSON.stringify(state), problem: null, state })
const unknown = () => undefined

describe('[WS10] awareness role claims', () => {
  it('[WS10] passes states without an overlap field, removals and true claims', () => {
    expect(falseRoleClaim([entry({ user: { name: 'x' } }), entry(null), entry({ overlap: null })], 'view', unknown)).toBeNull()
    expect(falseRoleClaim([entry({ overlap: { role: 'edit', userId: 'u' } })], 'edit', unknown)).toBeNull()
    // Below the socket's role passes (a facilitator page that opened offline thinks it is an editor).
    expect(falseRoleClaim([entry({ overlap: { role: 'edit', userId: 'u' } })], 'facilitator', unknown)).toBeNull()
    expect(falseRoleClaim([entry({ overlap: { role: 'view', userId: 'u' } })], 'edit', unknown)).toBeNull()
  })
  it('[WS10] an echo (clock not newer than the room has) is no claim; a newer state is', () => {
    const fac = { overlap: { role: 'facilitator', userId: 'f' } }
    expect(falseRoleClaim([entry(fac, 3)], 'edit', () => 3)).toBeNull()
    expect(falseRoleClaim([entry(fac, 2)], 'edit', () => 3)).toBeNull()
    expect(falseRoleClaim([entry(fac, 4)], 'edit', () => 3)).not.toBeNull()
  })

  it('[WS10] flags a role above the socket\'s or an unreadable claim', () => {
    expect(falseRoleClaim([entry({ overlap: { role: 'edit', userId: 'u' } })], 'view', unknown)).toMatch(/claims role "edit" on a view/)
    expect(falseRoleClaim([entry({ overlap: { role: 'facilitator', userId: 'u' } })], 'edit', unknown)).toMatch(/claims role "facilitator" on a edit/)
    expect(falseRoleClaim([entry({ overlap: { role: 'boss' } })], 'facilitator', unknown)).toMatch(/unreadable/)
    expect(falseRoleClaim([entry({ ok: 1 }), entry({ overlap: 'x' })], 'edit', unknown)).not.toBeNull()
  })
})
