/**
 * Whether a new shape lies in a private round's frame ([WS8]): it is created inside the frame (the
 * frame is among its ancestors: tldraw parents a shape created on a frame to it), or the centre of
 * its page bounds is inside the frame's page bounds (a shape parented elsewhere, e.g. on the page
 * because the frame sits under another shape at that point).
 */
export interface Point {
  x: number
  y: number
}

export interface Bounds {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

export interface ScopeProbe {
  /** The new shape's parent, then its parent's parent, … (shape ids only). */
  ancestors: readonly string[]
  /** Centre of the new shape's page bounds, when it could be computed. */
  centre: Point | null
  /** The frame's page bounds; null when the frame does not exist (then nothing is in it). */
  frameBounds: Bounds | null
}

export function inFrameScope(frameId: string, probe: ScopeProbe): boolean {
  if (probe.frameBounds === null) return false
  if (probe.ancestors.includes(frameId)) return true
  const c = probe.centre
  const b = probe.frameBounds
  return c !== null && c.x >= b.minX && c.x <= b.maxX && c.y >= b.minY && c.y <= b.maxY
}
