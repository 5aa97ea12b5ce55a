/**
 * Who may say what in a board's awareness ([S8]). Awareness is presence (cursors, names, selections,
 * the facilitator's summon); y-protocols applies any state with a newer clock for any client id, so
 * without this any link — a view link too — could:
 * - remove or rewrite another person's presence (rename the facilitator, end their summon), by
 *   sending a newer clock for that person's id;
 * - announce thousands of ids or megabytes of state, which every newcomer then receives in one
 *   frame (88 MB made joins impossible: the joiner was dropped as a slow consumer);
 * - send a state nested so deep that re-encoding it overflows the stack (which ended the process).
 *
 * Rules:
 * - an id belongs to the connection that announced it, while that connection is open; entries from
 *   anyone else for it are dropped (a y-websocket client re-sends others' states it received, with
 *   their clock: those change nothing anyway);
 * - a connection owns at most `maxIdsPerConnection` ids (one per tab is the norm);
 * - a state's JSON is at most `maxStateBytes` and `maxDepth` deep (checked on the text, before any
 *   parse), and all states of a board together at most `maxRoomBytes`.
 * Dropped entries never close the socket: the rest of the message applies, and the room logs why once
 * per connection.
 */

export interface AwarenessLimits {
  maxStateBytes: number
  maxDepth: number
  maxIdsPerConnection: number
  maxRoomBytes: number
}

export const AWARENESS_LIMITS: AwarenessLimits = {
  // tldraw's presence lists the selected shape ids: 10,000 selected shapes are about 300 KB.
  maxStateBytes: 512 * 1024,
  // tldraw's presence nests about 5 deep (scribbles → points → point).
  maxDepth: 32,
  maxIdsPerConnection: 4,
  // What a newcomer receives at once: no more than one message may carry (MAX_MESSAGE_BYTES' default).
  maxRoomBytes: 8 * 1024 * 1024,
}

/** One entry of an awareness update as it arrived: its JSON text is not parsed yet. */
export interface RawAwarenessEntry {
  clientId: number
  clock: number
  json: string
  /** `stateTextProblem(json)` when the parser already computed it (it is not computed twice). */
  problem?: string | null
}

/** How deep a JSON text nests (`{}`, `[]`), read without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c /* \ */) i++
      else if (c === 0x22 /* " */) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) max = Math.max(max, ++depth)
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--
  }
  return max
}

/** Why a state's text may not be applied at all, whoever sends it; null if it may. */
export function stateTextProblem(json: string, limits: AwarenessLimits = AWARENESS_LIMITS): string | null {
  // UTF-16 units: at most 3 bytes each in UTF-8, and at least one, so this bounds the bytes well enough.
  if (json.length > limits.maxStateBytes) return `a state of ${json.length} characters (at most ${limits.maxStateBytes})`
  const depth = jsonDepth(json)
  if (depth > limits.maxDepth) return `a state nested ${depth} deep (at most ${limits.maxDepth})`
  return null
}

/** What the room's awareness holds for an id now (y-protocols' meta and states). */
export interface KnownState {
  clock: number
  hasState: boolean
}

export interface AwarenessGuard<C> {
  /**
   * The entries of `conn`'s message that may be applied, and why the others may not. Also records
   * what applying the admitted ones will change (owners and sizes), as y-protocols will apply them:
   * an entry with a newer clock, or a `null` with the same clock for a state that exists.
   */
  admit<E extends RawAwarenessEntry>(
    conn: C,
    entries: readonly E[],
    known: (clientId: number) => KnownState | undefined
  ): { kept: E[]; refused: string[]; contested: Array<{ owner: C; entry: E }> }
  /** These ids' states were removed (by their owner, or timed out): their bytes no longer count. */
  removed(clientIds: Iterable<number>): void
  /** The connection closed: the ids it announced are free for anyone again. */
  release(conn: C): void
  /** The connection an id belongs to now, if any. */
  ownerOf(clientId: number): C | undefined
  /** Total JSON characters of the states held now. */
  readonly roomBytes: number
}

export function createAwarenessGuard<C>(limits: AwarenessLimits = AWARENESS_LIMITS): AwarenessGuard<C> {
  const owner = new Map<number, C>()
  const owned = new Map<C, Set<number>>()
  const size = new Map<number, number>()
  let roomBytes = 0

  const setSize = (id: number, bytes: number) => {
    roomBytes += bytes - (size.get(id) ?? 0)
    if (bytes === 0) size.delete(id)
    else size.set(id, bytes)
  }

  return {
    admit(conn, entries, known) {
      const kept: typeof entries[number][] = []
      const refused: string[] = []
      const contested: Array<{ owner: C; entry: (typeof entries)[number] }> = []
      for (const e of entries) {
        const now = known(e.clientId)
        const removal = e.json === 'null'
        const applies = now === undefined || e.clock > now.clock || (e.clock === now.clock && removal && now.hasState)
        if (!applies) {
          // Changes nothing (y-protocols ignores it): what y-websocket clients re-send of others' states.
          kept.push(e)
          continue
        }
        const o = owner.get(e.clientId)
        if (o !== undefined && o !== conn) {
          refused.push(`client ${e.clientId} belongs to another connection`)
          // The same tab back on a new socket while its old one is not known dead yet (a laptop
          // that slept): the room checks the owner is alive, and applies this entry if it is not.
          contested.push({ owner: o, entry: e })
          continue
        }
        if (removal) {
          // The id stays this connection's: its client may announce itself again.
          kept.push(e)
          setSize(e.clientId, 0)
          continue
        }
        const problem = e.problem !== undefined ? e.problem : stateTextProblem(e.json, limits)
        if (problem) {
          refused.push(`client ${e.clientId}: ${problem}`)
          continue
        }
        const mine = owned.get(conn)
        if (o === undefined && (mine?.size ?? 0) >= limits.maxIdsPerConnection) {
          refused.push(`client ${e.clientId}: this connection already has ${limits.maxIdsPerConnection} awareness ids`)
          continue
        }
        if (roomBytes - (size.get(e.clientId) ?? 0) + e.json.length > limits.maxRoomBytes) {
          refused.push(`client ${e.clientId}: the board's awareness would exceed ${limits.maxRoomBytes} characters`)
          continue
        }
        if (o === undefined) {
          owner.set(e.clientId, conn)
          if (mine) mine.add(e.clientId)
          else owned.set(conn, new Set([e.clientId]))
        }
        setSize(e.clientId, e.json.length)
        kept.push(e)
      }
      return { kept, refused, contested }
    },
    removed(clientIds) {
      for (const id of clientIds) setSize(id, 0)
    },
    release(conn) {
      for (const id of owned.get(conn) ?? []) {
        owner.delete(id)
        setSize(id, 0)
      }
      owned.delete(conn)
    },
    ownerOf: (clientId) => owner.get(clientId),
    get roomBytes() {
      return roomBytes
    },
  }
}
