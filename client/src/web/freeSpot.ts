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

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

export function freeSpot(center: { x: number; y: number }, taken: readonly Box[], size: number, gap = 16, rings = 3): { x: number; y: number } {
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
