/**
 * Where an inserted template goes: centred on the viewport, then slid right past whatever it would
 * overlap (with a margin), so it never lands on existing work. Pure, for unit tests.
 */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export const PLACEMENT_MARGIN = 80

function overlaps(a: Rect, b: Rect, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin
}

export function placeTemplate(size: { w: number; h: number }, viewportCenter: { x: number; y: number }, existing: readonly Rect[], margin = PLACEMENT_MARGIN): { x: number; y: number } {
  const box: Rect = { x: Math.round(viewportCenter.x - size.w / 2), y: Math.round(viewportCenter.y - size.h / 2), w: size.w, h: size.h }
  // Each step moves past at least one box's right edge: at most existing.length + 1 steps.
  for (let i = 0; i <= existing.length; i++) {
    const hits = existing.filter((r) => overlaps(box, r, margin))
    if (hits.length === 0) break
    box.x = Math.round(Math.max(...hits.map((r) => r.x + r.w)) + margin)
  }
  return { x: box.x, y: box.y }
}
