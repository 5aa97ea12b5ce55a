/**
 * Parsing and writing y-websocket frames (one message per frame; see shared/PROTOCOL.md).
 *
 * Everything a client sends is parsed here, at the edge, into a typed message — or refused with
 * a reason. Refusal means the connection is closed with MalformedMessage (4400); nothing
 * malformed ever reaches the room, the Y.Doc or storage.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { MessageType, SyncMessageType } from '@overlap/shared'
import { decodeCheckedUpdate } from './updateIntegrity.js'
import { stateTextProblem } from './awarenessGuard.js'

/** An update decoded once at the edge; the room's checks read it instead of decoding it again. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  /** Sync step 2 or update: both carry a V1 update the server must store before applying. */
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate; empty: boolean }
  | { kind: 'awareness'; update: Uint8Array; clients: AwarenessEntry[] }
  | { kind: 'query-awareness' }

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state's JSON text as sent (`"null"`: that client left). */
  json: string
  /** Why the state's text may not be applied (size, nesting), or null. */
  problem: string | null
  /**
   * The parsed state; null = that client left. Undefined when the text is too big or too deeply nested
   * to be parsed at all ([S8], `stateTextProblem`): the room drops such an entry.
   */
  state: unknown
}

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: string }

const fail = (reason: string): ParseResult => ({ ok: false, reason })

export function parseClientMessage(frame: Uint8Array): ParseResult {
  try {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    let message: ClientMessage
    switch (type) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (syncType === SyncMessageType.Step1) {
          Y.decodeStateVector(payload)
          message = { kind: 'sync-step1', stateVector: payload }
        } else if (syncType === SyncMessageType.Step2 || syncType === SyncMessageType.Update) {
          const checked = checkUpdate(payload)
          if (!checked.ok) return fail(checked.reason)
          message = { kind: 'update', update: payload, decoded: checked.decoded, empty: checked.empty }
        } else return fail(`unknown sync message type ${syncType}`)
        break
      }
      case MessageType.Awareness: {
        const update = decoding.readVarUint8Array(decoder)
        message = { kind: 'awareness', update, clients: parseAwarenessUpdate(update) }
        break
      }
      case MessageType.QueryAwareness:
        message = { kind: 'query-awareness' }
        break
      default:
        // Includes Auth (2): only servers send it.
        return fail(`unknown message type ${type}`)
    }
    if (decoding.hasContent(decoder)) return fail('trailing bytes after message')
    return { ok: true, message }
  } catch (e) {
    return fail(`undecodable: ${(e as Error).message}`)
  }
}

/**
 * A Yjs update must decode completely, and Yjs must be able to integrate it: see [S16]
 * (updateIntegrity.ts). Both are checked without applying it anywhere: an update is applied to the
 * room's doc only once stored [S6].
 */
function checkUpdate(update: Uint8Array): { ok: true; decoded: DecodedUpdate; empty: boolean } | { ok: false; reason: string } {
  const checked = decodeCheckedUpdate(update)
  if (!checked.ok) return checked
  const { decoded } = checked
  return { ok: true, decoded, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 }
}

/** Same layout as y-protocols/awareness `applyAwarenessUpdate`, but refuses instead of throwing midway. */
function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const n = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    // Checked once, here: the room's guard reads `problem` instead of scanning the text again.
    const problem = stateTextProblem(json)
    const state: unknown = problem === null ? JSON.parse(json) : undefined
    entries.push({ clientId, clock, json, state, problem })
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update')
  return entries
}

/** An awareness update (the payload of an awareness message) holding just these entries. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length)
    for (const { clientId, clock, json } of entries) {
      encoding.writeVarUint(e, clientId)
      encoding.writeVarUint(e, clock)
      encoding.writeVarString(e, json)
    }
  })
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync)
    encoding.writeVarUint(e, SyncMessageType.Step1)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  })
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync)
    encoding.writeVarUint(e, SyncMessageType.Step2)
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector))
  })
}

/**
 * `00 02 <varuint length> <update>` written into one allocation: every relayed update is framed on
 * the path its readers wait on, and lib0's growing encoder cost about 25 µs there.
 */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const n = update.byteLength
  let lengthBytes = 1
  for (let rest = n; rest > 0x7f; rest = Math.floor(rest / 0x80)) lengthBytes++
  const out = new Uint8Array(2 + lengthBytes + n)
  out[0] = MessageType.Sync
  out[1] = SyncMessageType.Update
  let i = 2
  let rest = n
  for (; rest > 0x7f; rest = Math.floor(rest / 0x80)) out[i++] = 0x80 | (rest & 0x7f)
  out[i++] = rest
  out.set(update, i)
  return out
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness)
    encoding.writeVarUint8Array(e, update)
  })
}

/**
 * Keep-alive: an awareness update that lists zero clients (bytes 01 01 00). The unmodified
 * y-websocket client counts it as "a message received" (resetting its 30 s watchdog) and
 * `applyAwarenessUpdate` with zero entries changes nothing and emits no event.
 */
/** y-protocols auth "permission denied": `02 00 <string reason>` (sent to a viewer that wrote [A5]). */
export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Auth)
  encoding.writeVarUint(e, 0)
  encoding.writeVarString(e, reason)
  return encoding.toUint8Array(e)
}

/** The reason text of the permission-denied message a viewer gets. */
export const VIEW_ONLY_REASON = 'view only: this link cannot edit the board'

export const KEEPALIVE_FRAME: Uint8Array = encodeAwareness(new Uint8Array([0]))
