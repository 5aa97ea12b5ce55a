import { describe, expect, it } from 'vitest'
import type { OverlapPatch } from './overlapAwareness'
import { REACTION_SHOW_MS } from './reactionFeed'
import { createReactionSender } from './reactionSender'

function fakeTimers() {
  let now = 0
  const due = new Map<number, { at: number; fn: () => void }>()
  let next = 1
  return {
    setTimeout: (fn: () => void, ms: number) => {
      due.set(next, { at: now + ms, fn })
      return next++
    },
    clearTimeout: (h: unknown) => void due.delete(h as number),
    advance(ms: number) {
      now += ms
      for (const [h, t] of [...due]) if (t.at <= now) (due.delete(h), t.fn())
    },
  }
}

describe('[WS14] createReactionSender', () => {
  it('publishes the reaction with a new id at a rounded point, then clears it after the show time', () => {
    const patches: OverlapPatch[] = []
    const timers = fakeTimers()
    let n = 0
    const sender = createReactionSender({ publish: (p) => patches.push(p), newId: () => `r${++n}`, timers })
    sender.send('🎉', { x: 10.4, y: -3.6 })
    expect(patches).toEqual([{ reaction: { id: 'r1', emoji: '🎉', x: 10, y: -4 } }])
    timers.advance(REACTION_SHOW_MS - 1)
    expect(patches).toHaveLength(1)
    timers.advance(1)
    expect(patches[1]).toEqual({ reaction: null })
  })

  it('a second reaction replaces the first and gets its own full show time', () => {
    const patches: OverlapPatch[] = []
    const timers = fakeTimers()
    let n = 0
    const sender = createReactionSender({ publish: (p) => patches.push(p), newId: () => `r${++n}`, timers })
    sender.send('👍', { x: 0, y: 0 })
    timers.advance(REACTION_SHOW_MS - 100)
    sender.send('🔥', { x: 0, y: 0 })
    timers.advance(200)
    expect(patches.map((p) => p.reaction?.id ?? null)).toEqual(['r1', 'r2'])
    timers.advance(REACTION_SHOW_MS)
    expect(patches.at(-1)).toEqual({ reaction: null })
    sender.dispose()
  })
})
