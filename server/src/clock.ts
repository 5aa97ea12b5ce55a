/**
 * Time as a dependency: the keep-alive timer is injected so tests can fire it on demand
 * instead of waiting 15 s.
 */
export interface Clock {
  now(): number
  setInterval(fn: () => void, ms: number): { cancel(): void }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval(fn, ms) {
    const t = setInterval(fn, ms)
    // A timer alone must not keep the process alive (tests, graceful shutdown).
    t.unref()
    return { cancel: () => clearInterval(t) }
  },
}

/** A clock whose intervals fire only when `tick()` is called. */
export function createManualClock(start = 0): Clock & { tick(ms: number): void } {
  let time = start
  const timers = new Set<{ fn: () => void; every: number; next: number }>()
  return {
    now: () => time,
    setInterval(fn, ms) {
      const t = { fn, every: ms, next: time + ms }
      timers.add(t)
      return { cancel: () => timers.delete(t) }
    },
    tick(ms) {
      const end = time + ms
      for (;;) {
        let due: { fn: () => void; every: number; next: number } | undefined
        for (const t of timers) if (t.next <= end && (!due || t.next < due.next)) due = t
        if (!due) break
        time = due.next
        due.next += due.every
        due.fn()
      }
      time = end
    },
  }
}
