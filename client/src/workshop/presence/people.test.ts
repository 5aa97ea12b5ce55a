import { describe, expect, it } from 'vitest'
import { peopleFrom } from './people'
import { readPeerState, readPeerStates } from './peerState'
import { overlapState } from './testPeers'

const now = 5_000_000

describe('[WS11] peopleFrom', () => {
  it('one row per person with name, colour, role, side and status; you first, then by name', () => {
    const peers = readPeerStates(
      new Map<number, unknown>([
        [3, overlapState({ role: 'view', userId: 'zoe' }, { userName: 'Zoe', color: '#e03131', meta: { side: 'design' }, lastActivityTimestamp: now - 61_000 })],
        [1, overlapState({ role: 'facilitator', userId: 'me' }, { userName: 'Me' })],
        [2, overlapState({ role: 'edit', userId: 'al', away: true }, { userName: 'Al', meta: { side: 'engineering' } })],
      ])
    )
    const people = peopleFrom(peers, { selfUserId: 'me', nowMs: now })
    expect(people.map((p) => [p.name, p.role, p.side, p.status, p.isSelf])).toEqual([
      ['Me', 'facilitator', null, 'active', true],
      ['Al', 'edit', 'engineering', 'away', false],
      ['Zoe', 'view', 'design', 'idle', false],
    ])
    expect(people[2].color).toBe('#e03131')
  })

  it('two tabs of one person are one row: most attentive status, highest role', () => {
    const peers = readPeerStates(
      new Map<number, unknown>([
        [1, overlapState({ role: 'edit', userId: 'al', away: true }, { userName: 'Al' })],
        [2, overlapState({ role: 'facilitator', userId: 'al' }, { userName: 'Al', lastActivityTimestamp: now })],
      ])
    )
    const [al, ...rest] = peopleFrom(peers, { selfUserId: 'me', nowMs: now })
    expect(rest).toEqual([])
    expect(al).toMatchObject({ userId: 'al', role: 'facilitator', status: 'active', clientIds: [1, 2] })
  })

  it('a tab without the overlap field (older client) shows with its presence name, role unknown', () => {
    const old = readPeerState(4, { presence: { userId: 'user:old', userName: 'Old', color: '#2f9e44', meta: {} } })
    expect(peopleFrom([old], { selfUserId: 'me', nowMs: now })).toMatchObject([{ userId: 'old', name: 'Old', role: null }])
  })

  it('ignores states with nothing readable, and never trusts a bad side or name', () => {
    const peers = [
      readPeerState(5, { cursor: 'junk' }),
      readPeerState(6, { presence: { userId: 'no-prefix', userName: 'X' } }),
      readPeerState(7, overlapState({ role: 'edit', userId: 'b' }, { userName: '  ', meta: { side: 'marketing' } })),
    ]
    expect(peopleFrom(peers, { selfUserId: 'me', nowMs: now })).toMatchObject([{ userId: 'b', name: 'Someone', side: null }])
  })
})
