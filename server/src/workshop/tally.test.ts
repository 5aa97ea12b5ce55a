import { describe, expect, it } from 'vitest'
import type { OpenVote } from '@overlap/shared'
import { emptySideCounts, tallyVote } from './tally.js'
import type { StoredBallot } from '../storage/BoardStorage.js'

const open = (anonymous: boolean): OpenVote => ({
  id: 'v1',
  status: 'open',
  scopeLabel: 'All cards',
  cardIds: ['shape:a', 'shape:b', 'shape:c', 'shape:d'],
  config: { votesPerPerson: 3, onePerCard: false, anonymous },
  startedAt: 100,
})
const b = (voterId: string, side: StoredBallot['side'], cardId: string, count: number): StoredBallot => ({ voterId, name: `N${voterId}`, side, cardId, count })
const ballots = [b('1', 'product', 'shape:c', 2), b('1', 'product', 'shape:b', 1), b('2', null, 'shape:c', 1), b('3', 'design', 'shape:b', 2), b('3', 'design', 'shape:x', 1)]
const titles = (id: string) => `title ${id}`

describe('[WS7] tally of a dot vote', () => {
  it('[WS7] ranks by total, ties in card order, every card a row, split by side ("unknown" when none)', () => {
    const ended = tallyVote(open(true), ballots, titles, 500)
    expect(ended).toMatchObject({ id: 'v1', status: 'ended', endedAt: 500, startedAt: 100, scopeLabel: 'All cards' })
    expect(ended.results.map((r) => [r.cardId, r.total])).toEqual([
      ['shape:b', 3],
      ['shape:c', 3],
      ['shape:a', 0],
      ['shape:d', 0],
    ])
    expect(ended.results[0]!.bySide).toEqual({ ...emptySideCounts(), product: 1, design: 2 })
    expect(ended.results[1]!.bySide).toEqual({ ...emptySideCounts(), product: 2, unknown: 1 })
    expect(ended.results[0]!.title).toBe('title shape:b')
    expect(ended.votersBySide).toEqual({ ...emptySideCounts(), product: 1, design: 1, unknown: 1 })
    // Anonymous: no names anywhere; a ballot on a card outside the vote is ignored.
    expect(ended.results.every((r) => r.voters === undefined)).toBe(true)
    expect(ended.results.some((r) => r.cardId === 'shape:x')).toBe(false)
  })

  it('[WS7] a named vote lists one name per vote', () => {
    const ended = tallyVote(open(false), ballots, titles, 500)
    expect(ended.results[1]).toMatchObject({ cardId: 'shape:c', voters: ['N1', 'N1', 'N2'] })
    expect(ended.results[2]).toMatchObject({ cardId: 'shape:a', voters: [] })
  })
})
