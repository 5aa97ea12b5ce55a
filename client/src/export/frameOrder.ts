/**
 * Reading order of frames for the PDF: rows top to bottom, left to right within a row. Two frames are
 * in the same row when their vertical extents overlap by at least half of the shorter one, so a row of
 * zones whose tops differ by a few pixels still reads left to right.
 */
export interface FrameBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

export function readingOrder<T extends FrameBox>(frames: readonly T[]): T[] {
  const byTop = [...frames].sort((a, b) => a.y - b.y || a.x - b.x)
  const rows: T[][] = []
  for (const f of byTop) {
    const row = rows.find((r) =>
      r.some((g) => {
        const overlap = Math.min(f.y + f.h, g.y + g.h) - Math.max(f.y, g.y)
        return overlap >= Math.min(f.h, g.h) / 2
      })
    )
    if (row) row.push(f)
    else rows.push([f])
  }
  return rows.flatMap((r) => r.sort((a, b) => a.x - b.x || a.y - b.y))
}
