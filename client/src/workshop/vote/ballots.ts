/**
 * My ballots in the open vote ([WS6]): what the server says I have cast, shared by the vote bar
 * ("N votes left") and the card overlay (my dots, click to vote). Clicks are sent one at a time, in
 * order, and the display follows the server's answer — never a local guess — so "no votes left" or
 * "one per card" refusals cannot leave a phantom dot. After a reload, `load` brings my votes back.
 */
import type { BallotRequest, MyBallots } from '@overlap/shared'
import { atom, type Atom } from 'tldraw'
import type { WorkshopApi } from '../workshopApi'

export interface Voter {
  /** This browser's secret voter key (identity/voterKey.ts), not the public identity id [WS6]. */
  voterKey: string
  name: string
  side: BallotRequest['side']
}

export type CastResult = { ok: true } | { ok: false; error: string }

export interface Ballots {
  /** My ballots for the open vote, null until known (or when no vote is open). */
  readonly mine: Atom<MyBallots | null>
  /** Reads my ballots of `voteId` (null clears them: no open vote). */
  load(voteId: string | null): Promise<CastResult>
  /**
   * `onePerCard`: the vote's rule, so a vote the server would refuse (422) is refused here without a
   * request, as is one past the budget: the browser logs every refused request in its console.
   */
  cast(voteId: string, cardId: string, delta: 1 | -1, rules?: { onePerCard: boolean }): Promise<CastResult>
}

/** Refusals known without asking: the server's own ballot rules ([WS6]) give the same answer. */
export const NO_VOTES_LEFT = 'You have used all your votes: take one back first.'
export const ONE_PER_CARD = 'One vote per card in this vote.'

const message = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function createBallots(api: Pick<WorkshopApi, 'castBallot' | 'myBallots'>, voter: () => Voter): Ballots {
  const mine = atom<MyBallots | null>('overlap my ballots', null)
  let current: string | null = null
  // One request at a time: two quick clicks must reach the server in click order.
  let queue: Promise<unknown> = Promise.resolve()
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job)
    queue = run.catch(() => {})
    return run
  }
  // An answer about a vote that is no longer the open one is dropped.
  const accept = (b: MyBallots) => {
    if (b.voteId === current) mine.set(b)
  }

  return {
    mine,
    async load(voteId) {
      if (voteId !== current) mine.set(null)
      current = voteId
      if (voteId === null) return { ok: true }
      return enqueue(async () => {
        try {
          accept(await api.myBallots(voteId, voter().voterKey))
          return { ok: true } as const
        } catch (err) {
          return { ok: false, error: message(err) } as const
        }
      })
    },
    cast(voteId, cardId, delta, rules) {
      return enqueue(async () => {
        if (voteId !== current) return { ok: false, error: 'This vote is no longer open' } as const
        const known = mine.get()
        if (delta === 1 && known?.voteId === voteId) {
          if (known.left <= 0) return { ok: false, error: NO_VOTES_LEFT } as const
          if (rules?.onePerCard && (known.mine[cardId] ?? 0) > 0) return { ok: false, error: ONE_PER_CARD } as const
        }
        try {
          const v = voter()
          accept(await api.castBallot(voteId, { voterKey: v.voterKey, name: v.name, side: v.side, cardId, delta }))
          return { ok: true } as const
        } catch (err) {
          return { ok: false, error: message(err) } as const
        }
      })
    },
  }
}
