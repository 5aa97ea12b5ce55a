import { describe, expect, it } from 'vitest'
import { createAwarenessGuard, jsonDepth, stateTextProblem, type AwarenessLimits, type KnownState } from './awarenessGuard.js'

const LIMITS: AwarenessLimits = { maxStateBytes: 100, maxDepth: 4, maxIdsPerConnection: 2, maxRoomBytes: 150 }
const entry = (clientId: number, clock: number, state: unknown) => ({ clientId, clock, json: JSON.stringify(state) })

/** A room's awareness as y-protocols would hold it after applying what the guard kept. */
function room() {
  const known = new Map<number, KnownState>()
  const guard = createAwarenessGuard<string>(LIMITS)
  const send = (conn: string, entries: ReturnType<typeof entry>[]) => {
    const result = guard.admit(conn, entries, (id) => known.get(id))
    for (const e of result.kept) {
      const now = known.get(e.clientId)
      if (now === undefined || e.clock > now.clock || (e.clock === now.clock && e.json === 'null')) known.set(e.clientId, { clock: e.clock, hasState: e.json !== 'null' })
    }
    return { kept: result.kept.map((e) => e.clientId), refused: result.refused }
  }
  return { guard, send, known }
}

describe('[S8] awareness guard', () => {
  it('[S8] reads nesting depth without parsing, strings and escapes included', () => {
    expect(jsonDepth('null')).toBe(0)
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3)
    expect(jsonDepth('{"a":"[[[[[[\\"{{{"}')).toBe(1)
    expect(jsonDepth('['.repeat(10_000) + ']'.repeat(10_000))).toBe(10_000)
    expect(stateTextProblem('['.repeat(5) + ']'.repeat(5), LIMITS)).toMatch(/nested 5 deep/)
    expect(stateTextProblem('"' + 'x'.repeat(200) + '"', LIMITS)).toMatch(/202 characters/)
    expect(stateTextProblem('{"user":{"name":"Ada"}}', LIMITS)).toBeNull()
  })

  it('[S8] an id belongs to the connection that announced it: others can neither rewrite nor remove it', () => {
    const r = room()
    expect(r.send('fay', [entry(1, 1, { name: 'Fay' })]).kept).toEqual([1])
    const forged = r.send('eve', [entry(1, 2, { name: 'Fay (hacked)' }), entry(1, 3, null)])
    expect(forged.kept).toEqual([])
    expect(forged.refused).toHaveLength(2)
    expect(r.known.get(1)).toEqual({ clock: 1, hasState: true })
    // Each forged entry is reported as contested, with the owner to check on (a probe, in the room).
    const contested = r.guard.admit('eve', [entry(1, 9, { name: 'x' })], (id) => r.known.get(id)).contested
    expect(contested).toEqual([{ owner: 'fay', entry: entry(1, 9, { name: 'x' }) }])
    // The owner removes and re-announces its own id.
    expect(r.send('fay', [entry(1, 2, null)]).kept).toEqual([1])
    expect(r.send('fay', [entry(1, 3, { name: 'Fay' })]).kept).toEqual([1])
    // Once the owner's connection closes, the id is free (the same tab reconnecting keeps its id).
    r.guard.release('fay')
    expect(r.send('fay2', [entry(1, 4, { name: 'Fay' })]).kept).toEqual([1])
  })

  it('[S8] at most maxIdsPerConnection ids per connection; states over the size or depth limits are dropped', () => {
    const r = room()
    const flood = r.send('eve', [entry(1, 1, {}), entry(2, 1, {}), entry(3, 1, {}), entry(4, 1, {})])
    expect(flood.kept).toEqual([1, 2])
    expect(flood.refused[0]).toMatch(/already has 2 awareness ids/)
    expect(r.send('ann', [entry(5, 1, 'x'.repeat(120))]).refused[0]).toMatch(/characters/)
    expect(r.send('ann', [entry(5, 1, [[[[[1]]]]])]).refused[0]).toMatch(/nested 5 deep/)
    expect(r.known.has(5)).toBe(false)
  })

  it("[S8] the board's states together stay under maxRoomBytes; removals and leaves give the room back", () => {
    const r = room()
    const big = (n: number) => 'x'.repeat(n)
    expect(r.send('a', [entry(1, 1, big(80))]).kept).toEqual([1])
    expect(r.guard.roomBytes).toBe(82)
    expect(r.send('b', [entry(2, 1, big(80))]).refused[0]).toMatch(/exceed 150/)
    // Replacing one's own state counts the new size, not both.
    expect(r.send('a', [entry(1, 2, big(90))]).kept).toEqual([1])
    expect(r.guard.roomBytes).toBe(92)
    r.guard.removed([1])
    expect(r.guard.roomBytes).toBe(0)
    expect(r.send('b', [entry(2, 1, big(80))]).kept).toEqual([2])
    r.guard.release('b')
    expect(r.guard.roomBytes).toBe(0)
  })

  it('[S8] echoes of states the room already has pass unchanged (y-websocket re-sends what it received)', () => {
    const r = room()
    r.send('fay', [entry(1, 5, { name: 'Fay' })])
    // Bob's client re-broadcasts Fay's state with her clock: not newer, nothing to refuse.
    expect(r.send('bob', [entry(2, 1, { name: 'Bob' })]).kept).toEqual([2])
    const echo = r.send('bob', [entry(1, 5, { name: 'Fay' })])
    // Not refused (nothing to log for every normal client), and it changes nothing.
    expect(echo).toEqual({ kept: [1], refused: [] })
    expect(r.known.get(1)).toEqual({ clock: 5, hasState: true })
    // An equal-clock removal of a state that exists would apply: from another connection, refused.
    expect(r.send('bob', [entry(1, 5, null)]).refused).toHaveLength(1)
    expect(r.known.get(1)).toEqual({ clock: 5, hasState: true })
  })
})
