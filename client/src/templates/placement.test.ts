import { describe, expect, it } from 'vitest'
import { PLACEMENT_MARGIN, placeTemplate, type Rect } from './placement'

const intersects = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('placeTemplate', () => {
  it('centres on the viewport when the page is empty', () => {
    expect(placeTemplate({ w: 1000, h: 600 }, { x: 0, y: 0 }, [])).toEqual({ x: -500, y: -300 })
  })

  it('slides right past an overlapping shape, keeping a margin', () => {
    const shape = { x: -100, y: -100, w: 200, h: 200 }
    const at = placeTemplate({ w: 1000, h: 600 }, { x: 0, y: 0 }, [shape])
    expect(at).toEqual({ x: 100 + PLACEMENT_MARGIN, y: -300 })
    expect(intersects({ ...at, w: 1000, h: 600 }, shape)).toBe(false)
  })

  it('keeps sliding past a chain of shapes and never overlaps any', () => {
    const shapes: Rect[] = Array.from({ length: 20 }, (_, i) => ({ x: i * 300, y: (i % 3) * 150 - 200, w: 260, h: 200 }))
    const at = placeTemplate({ w: 900, h: 500 }, { x: 1000, y: 0 }, shapes)
    const box = { ...at, w: 900, h: 500 }
    for (const s of shapes) expect(intersects(box, s)).toBe(false)
  })

  it('ignores shapes far away', () => {
    expect(placeTemplate({ w: 100, h: 100 }, { x: 0, y: 0 }, [{ x: 5000, y: 5000, w: 10, h: 10 }])).toEqual({ x: -50, y: -50 })
  })
})
