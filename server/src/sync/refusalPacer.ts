/**
 * Paces repeated refusals of one board to one address [S39].
 *
 * A refusal (unknown board 4404, wrong or rotated link 4401) is a close code, so the socket is
 * accepted first: a browser cannot read an HTTP status from a failed upgrade. y-websocket 3 stops
 * retrying on 4400–4499, but y-websocket 1.x and 2.x reset their backoff whenever a socket opens,
 * and retry a refused board every 100 ms, forever: ten storage lookups and log lines a second per
 * forgotten tab. So the first refusal in a while is immediate (a person sees "board not found" at
 * once), and each repeat within `windowMs` waits twice as long as the one before, up to
 * `maxDelayMs`: such a client then tries a few times a minute.
 */
export interface RefusalPacerOptions {
  now: () => number
  /** A key not refused for this long starts over with no delay. */
  windowMs?: number
  firstDelayMs?: number
  maxDelayMs?: number
  /** Keys remembered at most (the oldest are forgotten first): a bound on memory, whoever asks. */
  maxKeys?: number
}

export interface RefusalPacer {
  /** How long to hold this refusal before closing (0: close now). Counts it. */
  delayFor(key: string): number
}

export function createRefusalPacer({
  now,
  windowMs = 60_000,
  firstDelayMs = 500,
  maxDelayMs = 10_000,
  maxKeys = 10_000,
}: RefusalPacerOptions): RefusalPacer {
  // Insertion order is recency order: a key is deleted and set again each time it is refused.
  const seen = new Map<string, { count: number; last: number }>()
  return {
    delayFor(key) {
      const t = now()
      const prev = seen.get(key)
      const count = prev && t - prev.last <= windowMs ? prev.count : 0
      seen.delete(key)
      seen.set(key, { count: count + 1, last: t })
      if (seen.size > maxKeys) seen.delete(seen.keys().next().value!)
      return count === 0 ? 0 : Math.min(firstDelayMs * 2 ** (count - 1), maxDelayMs)
    },
  }
}
