import { afterEach, describe, expect, it } from 'vitest'
import { createServerClock, type ServerClock } from './serverClock'

/** A fake network: each `/api/time` call advances the local clock by the given round trip. */
function fakeServer(opts: { local: { t: number }; serverOffsetMs: number; rttsMs: number[]; asymmetry?: number[] }) {
  const calls: string[] = []
  let i = 0
  const fetchImpl = (async (url: string) => {
    calls.push(url)
    const rtt = opts.rttsMs[i] ?? opts.rttsMs[opts.rttsMs.length - 1]
    const there = opts.asymmetry?.[i] ?? rtt / 2
    i++
    // The server answers `there` ms after we sent, the answer arrives `rtt` ms after we sent.
    const serverNow = opts.local.t + there + opts.serverOffsetMs
    opts.local.t += rtt
    return new Response(JSON.stringify({ now: serverNow }), { status: 200 })
  }) as unknown as typeof fetch
  return { fetchImpl, calls }
}

describe('serverClock', () => {
  let clock: ServerClock | null = null
  afterEach(() => clock?.dispose())

  it('[WS3] uses the local clock until the first sync, then local + estimated offset', async () => {
    const local = { t: 1_000_000 }
    const { fetchImpl, calls } = fakeServer({ local, serverOffsetMs: 42_000, rttsMs: [20] })
    clock = createServerClock({ fetchImpl, localNow: () => local.t, samples: 3 })
    expect(clock.now()).toBe(1_000_000)
    expect(clock.estimate).toBeNull()
    await clock.sync()
    expect(calls).toEqual(['/api/time', '/api/time', '/api/time'])
    expect(clock.estimate).toEqual({ offsetMs: 42_000, rttMs: 20 })
    expect(clock.now()).toBe(local.t + 42_000)
  })

  it('[WS3] keeps the sample with the shortest round trip (least queueing error)', async () => {
    const local = { t: 0 }
    // Sample 1: slow and lopsided (answer 900 ms after sending, 1000 ms round trip) → offset error +400.
    // Sample 2: 10 ms round trip, symmetric → exact.
    const { fetchImpl } = fakeServer({ local, serverOffsetMs: -5_000, rttsMs: [1000, 10, 300], asymmetry: [900, 5, 50] })
    clock = createServerClock({ fetchImpl, localNow: () => local.t, samples: 3 })
    await clock.sync()
    expect(clock.estimate).toEqual({ offsetMs: -5_000, rttMs: 10 })
  })

  it('keeps the previous estimate when the server is unreachable or answers garbage', async () => {
    const local = { t: 0 }
    let mode: 'ok' | 'down' | 'garbage' | 'error' = 'ok'
    const fetchImpl = (async () => {
      local.t += 10
      if (mode === 'down') throw new TypeError('Failed to fetch')
      if (mode === 'error') return new Response('nope', { status: 503 })
      return new Response(JSON.stringify(mode === 'ok' ? { now: local.t + 1_000 } : { now: 'soon' }), { status: 200 })
    }) as unknown as typeof fetch
    clock = createServerClock({ fetchImpl, localNow: () => local.t, samples: 2 })
    await clock.sync()
    const first = clock.estimate
    expect(first?.offsetMs).toBe(1_005)
    for (const m of ['down', 'garbage', 'error'] as const) {
      mode = m
      await expect(clock.sync()).resolves.toBeUndefined()
      expect(clock.estimate).toEqual(first)
    }
  })

  it('stops sampling once disposed', async () => {
    const local = { t: 0 }
    const { fetchImpl, calls } = fakeServer({ local, serverOffsetMs: 0, rttsMs: [5] })
    clock = createServerClock({ fetchImpl, localNow: () => local.t, samples: 5 })
    clock.dispose()
    await clock.sync()
    expect(calls).toEqual([])
  })
})
