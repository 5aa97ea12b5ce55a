/**
 * The server's clock as seen from this browser ([WS3]): the timer's `endsAt` is server time, so
 * every page — whatever its own clock says — shows the same remaining time.
 *
 * NTP-style estimate over `GET /api/time`: offset = serverNow − (sent + received) / 2, keeping the
 * sample with the shortest round trip (the least queueing error). Re-synced now and then because
 * laptops sleep and clocks drift.
 */
export interface ServerClock {
  /** Server time now, in ms since the epoch (this device's clock until the first sync). */
  now(): number
  /** Estimated server − local offset, and the round trip it came from (ms). */
  readonly estimate: { offsetMs: number; rttMs: number } | null
  sync(): Promise<void>
  dispose(): void
}

export function createServerClock(opts: {
  fetchImpl: typeof fetch
  /** Local clock (tests inject one). */
  localNow?: () => number
  samples?: number
  resyncMs?: number
}): ServerClock {
  const localNow = opts.localNow ?? (() => Date.now())
  const samples = opts.samples ?? 5
  let estimate: { offsetMs: number; rttMs: number } | null = null
  let disposed = false

  async function sample(): Promise<{ offsetMs: number; rttMs: number } | null> {
    const sent = localNow()
    const res = await opts.fetchImpl('/api/time', { cache: 'no-store' })
    const received = localNow()
    if (!res.ok) return null
    const body: unknown = await res.json()
    const now = body !== null && typeof body === 'object' ? (body as { now?: unknown }).now : undefined
    if (typeof now !== 'number' || !Number.isFinite(now)) return null
    return { offsetMs: now - (sent + received) / 2, rttMs: received - sent }
  }

  async function sync(): Promise<void> {
    let best: { offsetMs: number; rttMs: number } | null = null
    for (let i = 0; i < samples && !disposed; i++) {
      try {
        const s = await sample()
        if (s && (best === null || s.rttMs < best.rttMs)) best = s
      } catch {
        // offline: keep the previous estimate
      }
    }
    if (best) estimate = best
  }

  const timer = setInterval(() => void sync(), opts.resyncMs ?? 5 * 60_000)
  return {
    now: () => localNow() + (estimate?.offsetMs ?? 0),
    get estimate() {
      return estimate
    },
    sync,
    dispose() {
      disposed = true
      clearInterval(timer)
    },
  }
}
