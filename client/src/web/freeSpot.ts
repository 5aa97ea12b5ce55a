/**
 * Where a new card goes: the top-left corner of a `size` square centred on `center`, or, when that
 * square overlaps a card already there, the nearest free slot on a grid of card-sized steps around
 * it (ring by ring). A card made with `C` in a shared view (after "bring everyone to me") used to
 * land 24 px from the last one, hiding it.
 */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

const overlapArea = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

/** With `within` (the zone the card is made in): a spot wholly inside it, since a zone clips the rest. */
export function freeSpot(
  center: { x: number; y: number },
  taken: readonly Box[],
  size: number,
  gap = 16,
  rings = 3,
  within?: Box
): { x: number; y: number } {
  if (within && within.w >= size + 2 * gap && within.h >= size + 2 * gap) {
    // Every spot wholly inside, on a quarter-card grid: the one covering the least of the cards
    // already there (none, when the zone has room), then the nearest `center`. A full zone gets its
    // cards stacked with an offset, each still readable in part, rather than clipped away.
    const fine = size / 4
    let best: { x: number; y: number; covered: number; d: number } | null = null
    for (let y = within.y + gap; y + size <= within.y + within.h - gap; y += fine) {
      for (let x = within.x + gap; x + size <= within.x + within.w - gap; x += fine) {
        const spot = { x, y, w: size, h: size }
        let covered = 0
        for (const t of taken) if (overlaps(spot, t)) covered += overlapArea(spot, t)
        const d = Math.hypot(x + size / 2 - center.x, y + size / 2 - center.y)
        if (!best || covered < best.covered - 1 || (Math.abs(covered - best.covered) <= 1 && d < best.d)) best = { x, y, covered, d }
      }
    }
    if (best) return { x: best.x, y: best.y }
  }
  const step = size + gap
  const x0 = center.x - size / 2
  const y0 = center.y - size / 2
  for (let r = 0; r <= rings; r++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue // this ring only
        const spot = { x: x0 + dx * step, y: y0 + dy * step, w: size, h: size }
        if (!taken.some((t) => overlaps(spot, t))) return { x: spot.x, y: spot.y }
      }
    }
  }
  // Crowded all around: the centre, as asked.
  return { x: x0, y: y0 }
}
