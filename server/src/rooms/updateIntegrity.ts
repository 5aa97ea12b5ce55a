/**
 * [S16] Checks that a decoded update can be integrated by Yjs, before it is stored.
 *
 * Decoding proves the bytes are well-formed, not that Yjs can apply them. Yjs trusts two things it
 * never checks, and a client that breaks them makes `Y.applyUpdate` throw halfway through a
 * transaction, on the room's doc, after the update was stored:
 *
 * - An item's origin, right origin and parent id, when they name the item's OWN client, must come
 *   before it (a lower clock): Yjs skips the "is it there yet?" test for the own client, because a
 *   client's items are integrated in clock order, and then looks it up and fails. Every honest
 *   writer only refers to items that existed when it created this one; its own items have lower
 *   clocks. References to OTHER clients are left alone: Yjs checks those, and keeps an item that
 *   names one it lacks pending until it arrives.
 * - A delete-set range has a length of at least 1 (the V1 encoding can say 0; the doc then holds a
 *   range it can no longer encode, and every later join fails).
 * - Every struct (item, GC or skip) has a length of at least 1. The encoding can say 0 (an empty
 *   deleted run, an empty array or string); Yjs never writes one, and integrating one throws midway
 *   or leaves a doc whose next encoding throws. One 24-byte frame did that to a board, for good
 *   (found by an outside test; a fuzzer of hand-built updates then found no other way in).
 *
 * Found by flipping bytes of real updates: about 3 % of the corruptions that still decode broke
 * one of these, and applying them to a board's doc threw; applying each to an empty scratch doc, as
 * this server did before, caught about 1 in 9 of them and cost more CPU than the rest of the relay.
 */
import * as Y from 'yjs'
import type { DecodedUpdate } from './messages.js'

export type IntegrityVerdict = { ok: true } | { ok: false; reason: string }

const OK: IntegrityVerdict = { ok: true }

const idText = (id: Y.ID) => `${id.client}:${id.clock}`

export function checkUpdateIntegrity(decoded: DecodedUpdate): IntegrityVerdict {
  for (const s of decoded.structs) {
    if (!(s.length >= 1)) return { ok: false, reason: `struct ${idText(s.id)} has length ${s.length}` }
    if (!(s instanceof Y.Item)) continue
    const { client, clock } = s.id
    const parent = s.parent instanceof Y.ID ? s.parent : null
    for (const [what, ref] of [
      ['origin', s.origin],
      ['right origin', s.rightOrigin],
      ['parent', parent],
    ] as const) {
      if (ref && ref.client === client && ref.clock >= clock) {
        return { ok: false, reason: `item ${idText(s.id)} names as its ${what} ${idText(ref)}, which is not before it` }
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      if (!(len >= 1)) return { ok: false, reason: `delete range ${client}:${clock} has length ${len}` }
    }
  }
  return OK
}

/** Decodes an update completely and checks it as above: the edge's check, and the stored log's [S38]. */
export function decodeCheckedUpdate(update: Uint8Array): { ok: true; decoded: DecodedUpdate } | { ok: false; reason: string } {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch (e) {
    return { ok: false, reason: `corrupt update: ${(e as Error).message}` }
  }
  const integrity = checkUpdateIntegrity(decoded)
  return integrity.ok ? { ok: true, decoded } : { ok: false, reason: `corrupt update: ${integrity.reason}` }
}

export function checkEncodedUpdate(update: Uint8Array): IntegrityVerdict {
  const checked = decodeCheckedUpdate(update)
  return checked.ok ? OK : checked
}
