import { describe, expect, it } from 'vitest'
import { groupedReadingOrder, readingOrder } from './frameOrder'

const f = (id: string, x: number, y: number, w = 100, h = 100) => ({ id, x, y, w, h })

describe('readingOrder', () => {
  it('reads rows top to bottom, left to right, tolerating ragged tops', () => {
    const frames = [f('c', 240, 5), f('d', 0, 300), f('a', 0, 0), f('b', 120, 20), f('e', 150, 310)]
    expect(readingOrder(frames).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
  it('a tall frame beside two short ones: the short lower one starts a new row only if it overlaps less than half', () => {
    const frames = [f('tall', 0, 0, 100, 400), f('top', 200, 0), f('low', 200, 250)]
    // "low" overlaps "tall" by its whole height → same row as tall, read after "top" by x then y.
    expect(readingOrder(frames).map((x) => x.id)).toEqual(['tall', 'top', 'low'])
  })
  it('does not mutate its input and handles none', () => {
    const frames = [f('b', 50, 200), f('a', 0, 0)]
    expect(readingOrder(frames).map((x) => x.id)).toEqual(['a', 'b'])
    expect(frames[0].id).toBe('b')
    expect(readingOrder([])).toEqual([])
  })
})

describe('groupedReadingOrder', () => {
  const g = (id: string, group: string, x: number, y: number) => ({ ...f(id, x, y), group })
  it('keeps the frames of one inserted template together: templates side by side are read one after the other', () => {
    // Two templates side by side, each two rows of frames; row by row would mix them (a1 a2 b1 b2 a3 b3).
    const frames = [g('a1', 'A', 0, 0), g('a2', 'A', 120, 0), g('a3', 'A', 0, 150), g('b1', 'B', 400, 0), g('b2', 'B', 520, 0), g('b3', 'B', 400, 150)]
    expect(readingOrder(frames).map((x) => x.id)).toEqual(['a1', 'a2', 'b1', 'b2', 'a3', 'b3'])
    expect(groupedReadingOrder(frames).map((x) => x.id)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3'])
  })
  it('a frame of its own is a group of one, placed by reading order among the templates', () => {
    const frames = [g('b1', 'B', 400, 0), g('solo', 'solo', 0, 600), g('a1', 'A', 0, 0), g('a2', 'A', 0, 150)]
    expect(groupedReadingOrder(frames).map((x) => x.id)).toEqual(['a1', 'a2', 'b1', 'solo'])
  })
})
