import { useEffect, useReducer } from 'react'
import type { ServerClock } from '../serverClock'

/**
 * Server time at this render, re-rendering every `intervalMs` while `ticking` (a countdown needs a few
 * frames a second). Read at render time, not kept in state: a timer that just started or got +1 min
 * must not show one frame computed from a stale "now".
 */
export function useServerNow(clock: ServerClock, ticking: boolean, intervalMs = 250): number {
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!ticking) return
    const id = setInterval(tick, intervalMs)
    return () => clearInterval(id)
  }, [ticking, intervalMs])
  return clock.now()
}
