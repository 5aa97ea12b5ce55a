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

describe('freeSpot within a zone', () => {
  const zone = { x: 0, y: 0, w: 480, h: 480 }
  it('picks a free spot wholly inside the zone, nearest the centre asked for', () => {
    const prompt = { x: 16, y: 16, w: 200, h: 200 }
    const spot = freeSpot({ x: 240, y: 240 }, [prompt], 200, 16, 3, zone)
    expect(spot.x).toBeGreaterThanOrEqual(16)
    expect(spot.y).toBeGreaterThanOrEqual(16)
    expect(spot.x + 200).toBeLessThanOrEqual(464)
    expect(spot.y + 200).toBeLessThanOrEqual(464)
    expect(spot.x >= 216 || spot.y >= 216).toBe(true)
  })
  it('a full zone: still wholly inside, covering as little as it can, never exactly on a card', () => {
    const prompt = { x: 140, y: 140, w: 200, h: 200 }
    const spot = freeSpot({ x: 240, y: 240 }, [prompt], 200, 16, 3, zone)
    expect(spot.x).toBeGreaterThanOrEqual(16)
    expect(spot.x + 200).toBeLessThanOrEqual(464)
    expect(spot.y + 200).toBeLessThanOrEqual(464)
    expect([spot.x, spot.y]).not.toEqual([140, 140])
  })
})
