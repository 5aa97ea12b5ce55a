import { describe, expect, it } from 'vitest'
import { freeSpot } from './freeSpot'

describe('where a new card goes', () => {
  it('centred on the point when nothing is there', () => {
    expect(freeSpot({ x: 100, y: 100 }, [], 200)).toEqual({ x: 0, y: 0 })
  })

  it('next to the cards already there, never overlapping one', () => {
    const first = { x: 0, y: 0, w: 200, h: 200 }
    const second = freeSpot({ x: 100, y: 100 }, [first], 200)
    expect(second).not.toEqual({ x: 0, y: 0 })
    const boxes = [first, { ...second, w: 200, h: 200 }]
    const third = freeSpot({ x: 100, y: 100 }, boxes, 200)
    for (const b of boxes) {
      const apart = third.x >= b.x + b.w || b.x >= third.x + 200 || third.y >= b.y + b.h || b.y >= third.y + 200
      expect(apart, JSON.stringify({ third, b })).toBe(true)
    }
  })

  it('the centre again when every slot around is taken', () => {
    const all = [{ x: -5000, y: -5000, w: 10_000, h: 10_000 }]
    expect(freeSpot({ x: 100, y: 100 }, all, 200)).toEqual({ x: 0, y: 0 })
  })
})
