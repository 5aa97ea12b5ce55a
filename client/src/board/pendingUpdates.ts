/**
 * Counts local changes the server has not yet confirmed as stored ("N unsaved changes").
 *
 * y-websocket 3.1 has no such counter, so we keep our own model of what the server holds: its
 * state vector and delete set, learnt only from messages that came over the WebSocket (the
 * server's sync step 1 = its state vector, its step 2 = everything we lacked plus its whole
 * delete set, and every update it relays or echoes back). The server relays an update once it is
 * committed and echoes it to its author once it is also synced to disk (shared/SPEC.md [S6]), so
 * "contained in the server's state" means "saved". A local change is pending until that model
 * covers it (`isSaved`: its clocks and its deletions, read from the transaction once, never by
 * decoding updates again).
 *
 * Deletions do not advance a state vector, which is why the delete set is tracked too. If an echo
 * never comes (for instance offline edits pushed in our step 2 may be stored without an echo), we
 * ask again with a fresh sync step 1 after `requeryAfterMs`; the answer carries the server's
 * current delete set and state.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType, SyncMessageType } from '@overlap/shared/protocol'
import type { WebsocketProvider } from 'y-websocket'

export interface PendingTracker {
  /** Local changes not yet confirmed stored by the server. */
  getPending(): number
  onChange(cb: (pending: number) => void): () => void
  dispose(): void
}

type SyncHandler = WebsocketProvider['messageHandlers'][number]

export function createPendingTracker(opts: {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Transaction origins that are not local edits (the provider itself). */
  isRemoteOrigin(origin: unknown): boolean
  /**
   * The origin of loading this device's copy (IndexedDB): whatever it adds to the doc — edits made
   * offline in an earlier visit, perhaps never sent — is one pending change until the server holds
   * it. Only what it adds: loading a copy the doc already has (the server's answer came first, as on
   * a first visit's early socket) is nothing to confirm.
   */
  isRestoreOrigin?(origin: unknown): boolean
  requeryAfterMs?: number
  mergeWithinMs?: number
  setInterval?: typeof setInterval
  clearInterval?: typeof clearInterval
}): PendingTracker {
  const { doc, provider, isRemoteOrigin } = opts
  const isRestoreOrigin = opts.isRestoreOrigin ?? (() => false)
  const requeryAfterMs = opts.requeryAfterMs ?? 3000
  const mergeWithinMs = opts.mergeWithinMs ?? 300
  const setIntervalFn = opts.setInterval ?? setInterval
  const clearIntervalFn = opts.clearInterval ?? clearInterval

  let pending: Change[] = []
  const serverSv = new Map<number, number>()
  let serverDs = Y.createDeleteSet()
  const listeners = new Set<(n: number) => void>()
  let lastProgressAt = Date.now()

  function emit() {
    for (const cb of listeners) cb(pending.length)
  }

  function settle() {
    if (pending.length === 0) return
    const before = pending.length
    pending = pending.filter((c) => !isSaved(c, serverSv, serverDs))
    if (pending.length !== before) {
      lastProgressAt = Date.now()
      emit()
    }
  }

  function learnStateVector(sv: Map<number, number>) {
    for (const [client, clock] of sv) if ((serverSv.get(client) ?? 0) < clock) serverSv.set(client, clock)
  }

  function learnUpdate(update: Uint8Array) {
    learnStateVector(Y.parseUpdateMeta(update).to)
    const { ds } = Y.decodeUpdate(update)
    if (ds.clients.size > 0) serverDs = Y.mergeDeleteSets([serverDs, ds])
  }

  // Peek at every sync message from the WebSocket (emitSynced === true; BroadcastChannel messages
  // from other tabs pass false and say nothing about the server), then let y-websocket handle it.
  const original: SyncHandler = provider.messageHandlers[MessageType.Sync]
  const wrapped: SyncHandler = (encoder, decoder, prov, emitSynced, messageType) => {
    let kind = -1
    let payload: Uint8Array | null = null
    if (emitSynced) {
      try {
        const peek = decoding.createDecoder(decoder.arr)
        peek.pos = decoder.pos
        kind = decoding.readVarUint(peek)
        payload = decoding.readVarUint8Array(peek)
      } catch {
        payload = null
      }
    }
    original(encoder, decoder, prov, emitSynced, messageType)
    if (payload === null) return
    try {
      if (kind === SyncMessageType.Step1) learnStateVector(Y.decodeStateVector(payload))
      else if (kind === SyncMessageType.Step2 || kind === SyncMessageType.Update) {
        // Decoding an update costs as much as applying it (a board's whole step 2 on open). With
        // nothing pending it teaches nothing needed later: a local change made after this has new
        // clocks, and any deletion in it is of an item not yet deleted here, so whatever shows it
        // saved arrives after it was made.
        if (pending.length === 0) return
        learnUpdate(payload)
      } else return
    } catch {
      return // y-websocket already applied (or rejected) it; a payload we cannot parse teaches nothing
    }
    settle()
  }
  provider.messageHandlers[MessageType.Sync] = wrapped

  // One drag is dozens of transactions (one per animation frame). Local updates closer together
  // than `mergeWithinMs` count as one change, so "N unsaved changes" reads like user actions.
  let lastLocalAt = -Infinity
  // Read from the transaction, not from its encoded update: nothing is decoded per local change.
  const onTransaction = (tr: Y.Transaction) => {
    if (isRestoreOrigin(tr.origin)) {
      const restored = changeOfTransaction(tr)
      if (restored === null) return
      pending.push(restored)
      lastLocalAt = -Infinity // a local edit right after is a change of its own
      lastProgressAt = Date.now()
      emit()
      settle() // the server may have told us it holds all of it already (its step 1)
      return
    }
    if (isRemoteOrigin(tr.origin)) return
    const change = changeOfTransaction(tr)
    if (change === null) return
    const now = Date.now()
    if (pending.length === 0) lastProgressAt = now
    if (pending.length > 0 && now - lastLocalAt < mergeWithinMs) {
      pending[pending.length - 1] = mergeChanges(pending[pending.length - 1]!, change)
    } else {
      pending.push(change)
    }
    lastLocalAt = now
    emit()
  }
  doc.on('afterTransaction', onTransaction)

  function requery() {
    const ws = provider.ws
    if (pending.length === 0 || !provider.wsconnected || !provider.synced || !ws || ws.readyState !== ws.OPEN) return
    if (Date.now() - lastProgressAt < requeryAfterMs) return
    lastProgressAt = Date.now()
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncMessageType.Step1)
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
    ws.send(encoding.toUint8Array(encoder))
  }
  const timer = setIntervalFn(requery, Math.max(250, Math.floor(requeryAfterMs / 3)))

  return {
    getPending: () => pending.length,
    onChange(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    dispose() {
      clearIntervalFn(timer)
      doc.off('afterTransaction', onTransaction)
      if (provider.messageHandlers[MessageType.Sync] === wrapped) provider.messageHandlers[MessageType.Sync] = original
      listeners.clear()
    },
  }
}

/**
 * A local change as the server must come to hold it: the clocks it reached (per client) and what it
 * deleted. It is saved once the server's state vector reaches those clocks and its delete set covers
 * those deletions — what `Y.snapshotContainsUpdate` checks, without decoding the update each time.
 */
type DeleteSet = Y.Snapshot['ds']

interface Change {
  sv: Map<number, number>
  ds: DeleteSet
}

function changeOfTransaction(tr: Y.Transaction): Change | null {
  const sv = new Map<number, number>()
  for (const [client, clock] of tr.afterState) if (clock > (tr.beforeState.get(client) ?? 0)) sv.set(client, clock)
  if (sv.size === 0 && tr.deleteSet.clients.size === 0) return null
  return { sv, ds: tr.deleteSet }
}

function mergeChanges(a: Change, b: Change): Change {
  const sv = new Map(a.sv)
  for (const [client, clock] of b.sv) if ((sv.get(client) ?? 0) < clock) sv.set(client, clock)
  return { sv, ds: Y.mergeDeleteSets([a.ds, b.ds]) }
}

function isSaved(change: Change, serverSv: Map<number, number>, serverDs: DeleteSet): boolean {
  for (const [client, clock] of change.sv) if ((serverSv.get(client) ?? 0) < clock) return false
  for (const [client, ranges] of change.ds.clients) {
    const known = serverDs.clients.get(client)
    for (const { clock, len } of ranges) if (!covers(known, clock, len)) return false
  }
  return true
}

/** Whether the sorted, merged ranges `known` (a merged delete set's) contain all of [clock, clock + len). */
function covers(known: ReadonlyArray<{ clock: number; len: number }> | undefined, clock: number, len: number): boolean {
  if (!known) return false
  let lo = 0
  let hi = known.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const r = known[mid]!
    if (clock < r.clock) hi = mid - 1
    else if (clock >= r.clock + r.len) lo = mid + 1
    else return clock + len <= r.clock + r.len
  }
  return false
}
