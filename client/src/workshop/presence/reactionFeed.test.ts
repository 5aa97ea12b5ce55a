import { parseOverlapAwareness } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { readPeerStates } from './peerState'
import { nextReactions } from './reactionFeed'
import { overlapState } from './testPeers'

const reaction = (id: string, emoji = '🎉') => ({ id, emoji, x: 10, y: -20 })

describe('[WS14] reactions', () => {
  it('a reaction is new once: re-sent states (cursor moves) do not float it again', () => {
    const peers = readPeerStates(new Map([[1, overlapState({ role: 'view', userId: 'v', reaction: reaction('r1') }, { userName: 'Vi', color: '#e03131' })]]))
    const first = nextReactions(peers, new Set())
    expect(first.fresh).toEqual([{ id: 'r1', emoji: '🎉', x: 10, y: -20, fromName: 'Vi', color: '#e03131' }])
    expect(nextReactions(peers, first.ids).fresh).toEqual([])
  })

  it('a new id from the same sender floats; cleared reactions are forgotten', () => {
    const a = readPeerStates(new Map([[1, overlapState({ role: 'edit', userId: 'e', reaction: reaction('r1') })]]))
    const b = readPeerStates(new Map([[1, overlapState({ role: 'edit', userId: 'e', reaction: reaction('r2', '👍') })]]))
    const cleared = readPeerStates(new Map([[1, overlapState({ role: 'edit', userId: 'e' })]]))
    const s1 = nextReactions(a, new Set())
    const s2 = nextReactions(b, s1.ids)
    expect(s2.fresh.map((r) => r.emoji)).toEqual(['👍'])
    expect([...nextReactions(cleared, s2.ids).ids]).toEqual([])
  })

  it('the same id in two states floats once', () => {
    const peers = readPeerStates(
      new Map([
        [1, overlapState({ role: 'edit', userId: 'e', reaction: reaction('dup') })],
        [2, overlapState({ role: 'edit', userId: 'f', reaction: reaction('dup') })],
      ])
    )
    expect(nextReactions(peers, new Set()).fresh).toHaveLength(1)
  })

  it('parsing drops an emoji outside the set, or a point that is not a finite number', () => {
    const bad = (r: unknown) => parseOverlapAwareness({ overlap: { role: 'edit', userId: 'e', reaction: r } })?.reaction
    expect(bad({ id: 'x', emoji: '💩', x: 0, y: 0 })).toBeNull()
    expect(bad({ id: 'x', emoji: '👍', x: 'far', y: 0 })).toBeNull()
    expect(bad({ id: 'x', emoji: '👍', x: Number.NaN, y: 0 })).toBeNull()
    expect(bad({ id: 'x', emoji: '👍', x: 1, y: 2 })).toEqual({ id: 'x', emoji: '👍', x: 1, y: 2 })
  })
})
