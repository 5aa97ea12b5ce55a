import { describe, expect, it } from 'vitest'
import { createRefusalPacer } from './refusalPacer.js'

describe('refusal pacer [S39]', () => {
  it('[S39] the first refusal is immediate, each repeat waits twice as long, up to the cap', () => {
    let t = 0
    const pacer = createRefusalPacer({ now: () => t, firstDelayMs: 500, maxDelayMs: 4000 })
    const delays = []
    for (let i = 0; i < 7; i++) {
      delays.push(pacer.delayFor('a'))
      t += 100
    }
    expect(delays).toEqual([0, 500, 1000, 2000, 4000, 4000, 4000])
  })

  it('[S39] keys are paced apart, and a key quiet for the window starts over', () => {
    let t = 0
    const pacer = createRefusalPacer({ now: () => t, windowMs: 60_000 })
    expect(pacer.delayFor('a')).toBe(0)
    expect(pacer.delayFor('a')).toBe(500)
    expect(pacer.delayFor('b')).toBe(0)
    t += 60_001
    expect(pacer.delayFor('a')).toBe(0)
  })

  it('[S39] remembers at most maxKeys keys, forgetting the least recently refused', () => {
    const pacer = createRefusalPacer({ now: () => 0, maxKeys: 2 })
    pacer.delayFor('a')
    pacer.delayFor('b')
    pacer.delayFor('a') // a is now the most recent
    pacer.delayFor('c') // forgets b
    expect(pacer.delayFor('b')).toBe(0)
    expect(pacer.delayFor('c')).toBe(500) // c was kept (b's return forgot a)
  })
})
