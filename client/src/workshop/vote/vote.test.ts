import { type EndedVote, type MyBallots, type SideCounts, type VoteResultRow } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/boardsApi'
import { NO_VOTES_LEFT, ONE_PER_CARD, createBallots } from './ballots'
import { ranks, resultsCsv, resultsCsvFileName } from './resultsCsv'
import { endedVotes, selectResultsVote } from './resultsSelection'
import { DISAGREEMENT_FLAG, splitBySide, splitLabel } from './splitBySide'
import { defaultScope, voteScopeOptions, type ScopeShape } from './voteScope'

const PAGE = 'page:page'
const shape = (id: string, type: string, parentId = PAGE, name?: string): ScopeShape => ({ id, type, parentId, props: name === undefined ? {} : { name } })

describe('voteScopeOptions', () => {
  // page: frame F ("Risks") holds note a and group g (holding note b); note c and geo r are loose;
  // frame G is empty; another page holds note z.
  const shapes = [
    shape('shape:F', 'frame', PAGE, 'Risks'),
    shape('shape:a', 'note', 'shape:F'),
    shape('shape:g', 'group', 'shape:F'),
    shape('shape:b', 'note', 'shape:g'),
    shape('shape:c', 'note'),
    shape('shape:r', 'geo'),
    shape('shape:G', 'frame', PAGE, ''),
    shape('shape:z', 'note', 'page:other'),
  ]
  const opts = (selectedIds: string[]) => Object.fromEntries(voteScopeOptions({ shapes, pageId: PAGE, selectedIds }).map((o) => [o.kind, o]))

  it("a frame's cards are its descendants (nested in groups too), in the given order", () => {
    const o = opts(['shape:F'])
    expect(o.frame).toEqual({ kind: 'frame', label: 'Frame “Risks”', cardIds: ['shape:a', 'shape:b'], unavailable: null })
    expect(defaultScope(Object.values(o))).toBe('frame')
  })
  it('all cards = every note on this page (not other pages, not other shapes)', () => {
    expect(opts([]).page).toMatchObject({ label: 'All cards', cardIds: ['shape:a', 'shape:b', 'shape:c'], unavailable: null })
  })
  it('selected cards = selected notes plus notes inside selected groups or frames', () => {
    expect(opts(['shape:c', 'shape:r']).selection).toMatchObject({ label: '1 selected card', cardIds: ['shape:c'], unavailable: null })
    expect(opts(['shape:g', 'shape:c']).selection).toMatchObject({ label: '2 selected cards', cardIds: ['shape:b', 'shape:c'] })
  })
  it('says why a scope cannot be used, and proposes the most specific usable one', () => {
    const none = opts([])
    expect(none.frame.unavailable).toBe('Select a frame first')
    expect(none.selection.unavailable).toBe('Select some cards first')
    expect(defaultScope(Object.values(none))).toBe('page')
    expect(opts(['shape:F', 'shape:G']).frame.unavailable).toBe('Select only one frame')
    const empty = opts(['shape:G'])
    expect(empty.frame).toMatchObject({ label: 'Frame “Frame”', cardIds: [], unavailable: 'No cards there' })
    expect(opts(['shape:r']).selection.unavailable).toBe('No cards there')
    expect(defaultScope(Object.values(opts(['shape:c'])))).toBe('selection')
  })
  it('[W24] a frame or the page leaves out empty cards and unanswered template prompts; picked one by one, they count', () => {
    const text = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: t ? [{ type: 'text', text: t }] : [] }] })
    const cards: ScopeShape[] = [
      { id: 'shape:F', type: 'frame', parentId: PAGE, props: { name: 'Needs' } },
      { id: 'shape:real', type: 'note', parentId: 'shape:F', props: { richText: text('Cut abandonment') } },
      { id: 'shape:empty', type: 'note', parentId: 'shape:F', props: { richText: text('') } },
      { id: 'shape:prompt', type: 'note', parentId: 'shape:F', props: { richText: text('What does the business need?') }, meta: { overlapPrompt: 'What does the business need?' } },
      { id: 'shape:answered', type: 'note', parentId: 'shape:F', props: { richText: text('Fewer failed payments') }, meta: { overlapPrompt: 'What does the business need?' } },
    ]
    const o = Object.fromEntries(voteScopeOptions({ shapes: cards, pageId: PAGE, selectedIds: ['shape:F'] }).map((x) => [x.kind, x]))
    expect(o.frame.cardIds).toEqual(['shape:real', 'shape:answered'])
    expect(o.page.cardIds).toEqual(['shape:real', 'shape:answered'])
    const picked = voteScopeOptions({ shapes: cards, pageId: PAGE, selectedIds: ['shape:empty', 'shape:prompt'] })[1]
    expect(picked.cardIds).toEqual(['shape:empty', 'shape:prompt'])
  })
  it('refuses more cards than a vote may hold, and survives a parent cycle', () => {
    const many = Array.from({ length: 501 }, (_, i) => shape(`shape:n${i}`, 'note'))
    expect(voteScopeOptions({ shapes: many, pageId: PAGE, selectedIds: [] })[2].unavailable).toBe('At most 500 cards per vote')
    const cyclic = [shape('shape:x', 'group', 'shape:y'), shape('shape:y', 'group', 'shape:x'), shape('shape:n', 'note', 'shape:x')]
    expect(voteScopeOptions({ shapes: cyclic, pageId: PAGE, selectedIds: ['shape:x'] })[2].cardIds).toEqual([])
  })
})

const sides = (p: Partial<SideCounts>): SideCounts => ({ product: 0, engineering: 0, design: 0, other: 0, unknown: 0, ...p })
const row = (cardId: string, bySide: Partial<SideCounts>, title = cardId, voters?: string[]): VoteResultRow => {
  const s = sides(bySide)
  return { cardId, title, total: Object.values(s).reduce((a, b) => a + b, 0), bySide: s, ...(voters ? { voters } : {}) }
}

describe('splitLabel', () => {
  it('[WS7] names every side that voted, so the parts add up to the total', () => {
    const zero = { product: 0, engineering: 0, design: 0, other: 0, unknown: 0 }
    expect(splitLabel({ ...zero, product: 1, engineering: 1, design: 1 })).toBe('P 1 · E 1 · D 1')
    expect(splitLabel({ ...zero, product: 2 })).toBe('P 2 · E 0')
    expect(splitLabel({ ...zero, other: 1, unknown: 2 })).toBe('P 0 · E 0 · O 1 · ? 2')
  })
})

describe('splitBySide', () => {
  it('[WS7] scores each card by product share minus engineering share, widest gap first and flagged', () => {
    // Product (4 votes): a 3, b 1. Engineering (4 votes): b 2, c 2. Design votes do not count.
    const out = splitBySide([row('a', { product: 3 }), row('b', { product: 1, engineering: 2, design: 5 }), row('c', { engineering: 2 })])
    expect(out.map((r) => [r.row.cardId, r.score, r.flagged])).toEqual([
      ['a', 0.75, true],
      ['c', -0.5, true],
      ['b', -0.25, true],
    ])
    expect(out[0]).toMatchObject({ productShare: 0.75, engineeringShare: 0 })
  })
  it('compares shares, not counts: a big side does not drown a small one', () => {
    // Engineering is 10× bigger but spends its votes in the same proportions: no disagreement.
    const out = splitBySide([row('a', { product: 1, engineering: 10 }), row('b', { product: 1, engineering: 10 })])
    expect(out.every((r) => r.score === 0 && !r.flagged)).toBe(true)
  })
  it('flags nothing when one side did not vote (nothing to compare), keeping the ranked order', () => {
    const out = splitBySide([row('a', { product: 5 }), row('b', { product: 1 })])
    expect(out.map((r) => [r.row.cardId, r.score, r.flagged])).toEqual([
      ['a', 0, false],
      ['b', 0, false],
    ])
  })
  it(`flags from a gap of ${DISAGREEMENT_FLAG} up`, () => {
    const out = splitBySide([row('a', { product: 1, engineering: 0 }), row('b', { product: 3, engineering: 4 })])
    expect(out.find((r) => r.row.cardId === 'a')).toMatchObject({ score: 0.25, flagged: true })
    const small = splitBySide([row('a', { product: 2, engineering: 1 }), row('b', { product: 3, engineering: 3 }), row('c', { product: 5, engineering: 6 })])
    expect(small.some((r) => r.flagged)).toBe(false)
  })
})

const ended = (over: Partial<EndedVote> = {}): EndedVote => ({
  id: 'v1',
  status: 'ended',
  scopeLabel: 'All cards',
  cardIds: ['shape:a', 'shape:b', 'shape:c'],
  config: { votesPerPerson: 3, onePerCard: false, anonymous: true },
  startedAt: Date.UTC(2026, 10, 23, 14, 0),
  endedAt: Date.UTC(2026, 10, 23, 14, 5),
  results: [row('shape:a', { product: 2 }, 'Fast search'), row('shape:b', { engineering: 1 }, 'Dark mode'), row('shape:c', { unknown: 1 }, 'Export')],
  votersBySide: sides({ product: 1, engineering: 1, unknown: 1 }),
  ...over,
})

describe('results CSV', () => {
  it('[WS7] one line per card in ranked order with votes per side; ties share a rank', () => {
    expect(ranks(ended().results)).toEqual([1, 2, 2])
    expect(resultsCsv(ended())).toBe(
      'rank,card_id,title,total,product,engineering,design,other,unknown\r\n' +
        '1,shape:a,Fast search,2,2,0,0,0,0\r\n' +
        '2,shape:b,Dark mode,1,0,1,0,0,0\r\n' +
        '2,shape:c,Export,1,0,0,0,0,1\r\n'
    )
  })
  it('lists voter names for named votes only', () => {
    const named = ended({ config: { votesPerPerson: 3, onePerCard: false, anonymous: false }, results: [row('shape:a', { product: 2 }, 'A', ['Ann', 'Ann'])] })
    expect(resultsCsv(named).split('\r\n')[0]).toMatch(/,voters$/)
    expect(resultsCsv(named).split('\r\n')[1]).toBe('1,shape:a,A,2,2,0,0,0,0,Ann; Ann')
    expect(resultsCsv(ended())).not.toContain('voters')
  })
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas in titles', () => {
    const tricky = ended({ results: [row('shape:a', { product: 1 }, 'Say "hi", then\nleave'), row('shape:b', { product: 1 }, '=HYPERLINK("x")')] })
    const lines = resultsCsv(tricky).split('\r\n')
    expect(lines[1]).toBe('1,shape:a,"Say ""hi"", then leave",1,1,0,0,0,0')
    expect(lines[2]).toBe(`1,shape:b,"'=HYPERLINK(""x"")",1,1,0,0,0,0`)
  })
  it('names the file after the end time', () => {
    expect(resultsCsvFileName(ended())).toBe('vote-results-2026-11-23-1405.csv')
  })
})

describe('results selection', () => {
  const v1 = ended({ id: 'v1', endedAt: 1000 })
  const v2 = ended({ id: 'v2', endedAt: 2000 })
  it('lists ended votes newest first, once each, and shows the latest unless one is picked', () => {
    const state = { vote: v2, voteHistory: [v1, v2] }
    expect(endedVotes(state).map((v) => v.id)).toEqual(['v2', 'v1'])
    expect(selectResultsVote(state, null)?.id).toBe('v2')
    expect(selectResultsVote(state, 'v1')?.id).toBe('v1')
    expect(selectResultsVote(state, 'gone')?.id).toBe('v2')
  })
  it('shows nothing by default while a vote is open, but past votes stay reachable', () => {
    const open = { id: 'v3', status: 'open' as const, scopeLabel: '', cardIds: ['shape:a'], config: v1.config, startedAt: 3000 }
    const state = { vote: open, voteHistory: [v1] }
    expect(selectResultsVote(state, null)).toBeNull()
    expect(selectResultsVote(state, 'v1')?.id).toBe('v1')
  })
})

describe('ballots', () => {
  function fakeApi() {
    const log: string[] = []
    let left = 3
    const mine: Record<string, number> = {}
    const pending: Array<() => void> = []
    return {
      log,
      pending,
      api: {
        async myBallots(voteId: string, voterKey: string): Promise<MyBallots> {
          log.push(`get ${voteId} ${voterKey}`)
          return { voteId, mine: { ...mine }, left }
        },
        castBallot(voteId: string, b: { cardId: string; delta: 1 | -1; name: string; side: unknown }): Promise<MyBallots> {
          log.push(`cast ${voteId} ${b.cardId} ${b.delta} ${b.name} ${String(b.side)}`)
          return new Promise((resolve, reject) =>
            pending.push(() => {
              if (b.delta === 1 && left === 0) return reject(new ApiError('No votes left', 422))
              mine[b.cardId] = (mine[b.cardId] ?? 0) + b.delta
              left -= b.delta
              resolve({ voteId, mine: { ...mine }, left })
            })
          )
        },
      },
    }
  }
  const voter = () => ({ voterKey: 'me123456', name: 'Ann', side: 'product' as const })
  /** Waits (bounded) until a request reaches the fake server. */
  const arrived = async (p: Array<() => void>) => {
    for (let i = 0; i < 100 && p.length === 0; i++) await new Promise((r) => setTimeout(r, 0))
    if (p.length === 0) throw new Error('no request reached the server')
  }
  /** Lets the oldest waiting request be answered. */
  const flush = async (p: Array<() => void>) => {
    await arrived(p)
    p.shift()!()
  }

  it('[WS6] loads my ballots (after a reload) and follows the server answer of each cast, in click order', async () => {
    const { api, log, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    expect(b.mine.get()).toEqual({ voteId: 'v1', mine: {}, left: 3 })
    const first = b.cast('v1', 'shape:a', 1)
    const second = b.cast('v1', 'shape:b', 1)
    await flush(pending)
    await expect(first).resolves.toEqual({ ok: true })
    // The second request leaves only after the first answer.
    await flush(pending)
    await expect(second).resolves.toEqual({ ok: true })
    expect(log.slice(1)).toEqual(['cast v1 shape:a 1 Ann product', 'cast v1 shape:b 1 Ann product'])
    expect(b.mine.get()).toEqual({ voteId: 'v1', mine: { 'shape:a': 1, 'shape:b': 1 }, left: 1 })
  })

  it('[WS6] past the budget a vote is refused here and leaves no phantom vote', async () => {
    const { api, log, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    for (let i = 0; i < 3; i++) {
      const p = b.cast('v1', 'shape:a', 1)
      await flush(pending)
      await p
    }
    // The server's answer said none are left: a fourth vote is refused here, without a request.
    const sent = log.length
    await expect(b.cast('v1', 'shape:a', 1)).resolves.toEqual({ ok: false, error: NO_VOTES_LEFT })
    expect(log.length).toBe(sent)
    expect(pending).toHaveLength(0)
    expect(b.mine.get()).toMatchObject({ mine: { 'shape:a': 3 }, left: 0 })
  })

  it('[WS6] two quick clicks with one vote left: the second is checked against the first answer, not sent', async () => {
    const { api, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    for (let i = 0; i < 2; i++) {
      const p = b.cast('v1', 'shape:a', 1)
      await flush(pending)
      await p
    }
    const last = b.cast('v1', 'shape:a', 1)
    const tooMany = b.cast('v1', 'shape:b', 1)
    await flush(pending)
    await expect(last).resolves.toEqual({ ok: true })
    await expect(tooMany).resolves.toEqual({ ok: false, error: NO_VOTES_LEFT })
    expect(pending).toHaveLength(0)
  })

  it("[WS6] a refusal this page could not foresee (another tab spent the votes) comes with the server's reason", async () => {
    const { api, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    for (let i = 0; i < 3; i++) {
      const p = api.castBallot('v1', { cardId: 'shape:x', delta: 1, name: 'Ann', side: 'product' })
      await flush(pending)
      await p
    }
    const refused = b.cast('v1', 'shape:a', 1)
    await flush(pending)
    await expect(refused).resolves.toEqual({ ok: false, error: 'No votes left' })
  })

  it('[WS6] one per card: a second vote on a card is refused without a request', async () => {
    const { api, log, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    const p = b.cast('v1', 'shape:a', 1, { onePerCard: true })
    await flush(pending)
    await p
    const sent = log.length
    await expect(b.cast('v1', 'shape:a', 1, { onePerCard: true })).resolves.toEqual({ ok: false, error: ONE_PER_CARD })
    expect(log.length).toBe(sent)
  })

  it('drops answers about a vote that is no longer open, and refuses casts into it', async () => {
    const { api, pending } = fakeApi()
    const b = createBallots(api, voter)
    await b.load('v1')
    const late = b.cast('v1', 'shape:a', 1)
    await arrived(pending)
    await b.load(null)
    await flush(pending)
    await late
    expect(b.mine.get()).toBeNull()
    await expect(b.cast('v1', 'shape:a', 1)).resolves.toEqual({ ok: false, error: 'This vote is no longer open' })
  })
})
