import { describe, expect, it } from 'vitest'
import { readPeerStates } from './peerState'
import { decideSummon } from './summonDecision'
import { overlapState } from './testPeers'

const peersOf = (...states: unknown[]) => readPeerStates(new Map(states.map((s, i) => [i + 1, s] as [number, unknown])))
const none = new Set<string>()

describe('[WS12] decideSummon', () => {
  it("follows a facilitator's summon, with their name", () => {
    const peers = peersOf(overlapState({ role: 'facilitator', userId: 'fa', summon: { id: 's1' } }, { userName: 'Fay' }), overlapState({ role: 'edit', userId: 'me' }))
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: none })).toEqual({
      follow: { summonId: 's1', leaderUserId: 'fa', leaderClientId: 1, leaderName: 'Fay', presenting: null },
      brokenAway: null,
    })
  })

  it('ignores a summon claimed by an editor or viewer state', () => {
    const peers = peersOf(overlapState({ role: 'edit', userId: 'ed', summon: { id: 's1' } }), overlapState({ role: 'view', userId: 'vi', summon: { id: 's2' } }))
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: none })).toEqual({ follow: null, brokenAway: null })
  })

  it('no summon, no follow', () => {
    const peers = peersOf(overlapState({ role: 'facilitator', userId: 'fa' }))
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: none }).follow).toBeNull()
  })

  it('the summoner never follows (even from another tab), nor follows another facilitator meanwhile', () => {
    const peers = peersOf(overlapState({ role: 'facilitator', userId: 'other', summon: { id: 's0' } }), overlapState({ role: 'facilitator', userId: 'me', summon: { id: 's1' } }))
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: none })).toEqual({ follow: null, brokenAway: null })
  })

  it('a summon broken away from is offered to rejoin, not followed; a new summon id is followed again', () => {
    const first = peersOf(overlapState({ role: 'facilitator', userId: 'fa', summon: { id: 's1' } }))
    const broken = new Set(['s1'])
    expect(decideSummon({ peers: first, selfUserId: 'me', brokenAwayIds: broken })).toMatchObject({ follow: null, brokenAway: { summonId: 's1' } })
    const second = peersOf(overlapState({ role: 'facilitator', userId: 'fa', summon: { id: 's2' } }))
    expect(decideSummon({ peers: second, selfUserId: 'me', brokenAwayIds: broken }).follow).toMatchObject({ summonId: 's2', leaderUserId: 'fa' })
  })

  it('two facilitators: a presentation wins, else a stable order; a broken-away one yields to the other', () => {
    const presenting = { frameId: 'shape:f', index: 1, total: 3 }
    const peers = peersOf(
      overlapState({ role: 'facilitator', userId: 'aa', summon: { id: 'sa' } }),
      overlapState({ role: 'facilitator', userId: 'bb', summon: { id: 'sb' }, presenting })
    )
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: none }).follow).toMatchObject({ leaderUserId: 'bb', presenting })
    expect(decideSummon({ peers, selfUserId: 'me', brokenAwayIds: new Set(['sb']) }).follow).toMatchObject({ leaderUserId: 'aa' })
    const plain = peersOf(overlapState({ role: 'facilitator', userId: 'zz', summon: { id: 'sz' } }), overlapState({ role: 'facilitator', userId: 'aa', summon: { id: 'sa' } }))
    expect(decideSummon({ peers: plain, selfUserId: 'me', brokenAwayIds: none }).follow?.leaderUserId).toBe('aa')
  })
})
