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

/**
 * Reading order of groups, then reading order inside each group: the frames of one inserted template
 * stay together (a presentation or PDF of three templates side by side used to go row by row across
 * all three, mixing them). A group is placed by its bounding box; a frame not from a template is a
 * group of its own.
 */
export function groupedReadingOrder<T extends FrameBox & { group: string }>(frames: readonly T[]): T[] {
  const groups = new Map<string, T[]>()
  for (const f of frames) groups.set(f.group, [...(groups.get(f.group) ?? []), f])
  const boxes = [...groups].map(([group, members]) => {
    const x = Math.min(...members.map((m) => m.x))
    const y = Math.min(...members.map((m) => m.y))
    const w = Math.max(...members.map((m) => m.x + m.w)) - x
    const h = Math.max(...members.map((m) => m.y + m.h)) - y
    return { id: group, group, x, y, w, h }
  })
  return readingOrder(boxes).flatMap(({ group }) => readingOrder(groups.get(group)!))
}
