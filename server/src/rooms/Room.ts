/**
 * A loaded board: its Y.Doc, its awareness, and the live connections editing it.
 *
 * The rule that shapes this file [S6]: an update is relayed and applied only once the commit queue
 * says it is stored (it survives a crash of this process), and echoed to its author only once it is
 * durable (it survives a power cut too). The echo is how the y-websocket client learns "saved"; a
 * relay before storage would show other people an edit a crash could still lose. Updates are
 * relayed as the bytes the author sent (not re-derived from the doc's 'update' event), so a
 * duplicate still gets its echo. The room's doc integrates an update before it is relayed: should
 * Yjs throw on one that passed every check [S16], nobody else gets it, and the room, whose doc it
 * half-changed, is dropped and reloaded from storage, which leaves that update out [S38].
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, canWrite, type BoardId } from '@overlap/shared'
import type { Logger } from '../log.js'
import type { CommitQueue } from '../storage/commitQueue.js'
import { assertNever, type Connection } from './Connection.js'
import { isRedundantUpdate } from './redundantUpdate.js'
import { checkWorkshopWrite } from '../workshop/writeGuard.js'
import { falseRoleClaim } from '../workshop/awarenessRole.js'
import { createAwarenessGuard } from './awarenessGuard.js'
import {
  KEEPALIVE_FRAME,
  VIEW_ONLY_REASON,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  type AwarenessEntry,
  type ClientMessage,
} from './messages.js'

export interface RoomDeps {
  boardId: BoardId
  doc: Y.Doc
  commits: CommitQueue
  log: Logger
  /** Called when the room has no connections and nothing in flight: the manager unloads it. */
  onIdle(room: Room): void
  /**
   * Called once if the doc threw while integrating a stored update: the doc may be half-changed, so
   * the manager closes the room's connections and loads the board afresh for the next one [S38].
   */
  onBroken(room: Room, err: unknown): void
  /** Closes one connection with a code (the manager owns connection lifecycles). */
  closeConnection(conn: Connection, code: CloseCode): void
}

/** How long an entry for another connection's awareness id waits for that connection to prove dead. */
const CONTESTED_CLAIM_MS = 10_000

export class Room {
  readonly boardId: BoardId
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Set<Connection>()
  private inFlight = 0
  /** Server-side users of the room (a restore) that keep it loaded without a connection. */
  private holds = 0
  private destroyed = false
  /** The doc threw while integrating an update (see onBroken): nothing more is applied or relayed. */
  private broken = false
  /** Connections already logged for a false awareness role claim (once each: a loop must not flood the log). */
  private readonly falseClaimLogged = new WeakSet<Connection>()
  /** Who owns which awareness id, and how big the states are [S8]. */
  private readonly awarenessGuard = createAwarenessGuard<Connection>()
  private readonly awarenessRefusalLogged = new WeakSet<Connection>()
  /** Entries held back because another connection owns the id, applied if that one turns out dead. */
  private readonly contestedAwareness = new Map<number, { conn: Connection; entry: AwarenessEntry; at: number }>()

  /**
   * The step-2 frame for a joiner that has nothing (empty state vector), kept until the doc changes:
   * a workshop opening a big board at once costs one encoding of the board, not one per person.
   */
  private fullSyncFrame: Uint8Array | null = null
  // On 'afterTransaction', not 'update': a doc with an 'update' listener encodes every transaction
  // for it, and this one would throw that encoding away (~15 % of applying a drag's update).
  private readonly dropFullSync = (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0 || !sameStateVector(tr.beforeState, tr.afterState)) this.fullSyncFrame = null
  }

  constructor(private readonly deps: RoomDeps) {
    this.boardId = deps.boardId
    this.doc = deps.doc
    this.doc.on('afterTransaction', this.dropFullSync)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server is not a participant: no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  get size(): number {
    return this.connections.size
  }

  /** Whether the room can be unloaded (no one connected, no update waiting for storage). */
  get idle(): boolean {
    return this.connections.size === 0 && this.inFlight === 0 && this.holds === 0
  }

  /** Keeps the room loaded until the returned release is called (once). */
  hold(): () => void {
    this.holds++
    let released = false
    return () => {
      if (released) return
      released = true
      this.holds--
      this.checkIdle()
    }
  }

  /**
   * A change made by the server itself (a snapshot restore [SN5]) takes the same path as a client's
   * update [S6]: stored through the commit queue first, then applied and sent to every connection.
   * Resolves once it is applied and broadcast; rejects (nothing applied) if storing failed.
   */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    const { stored, durable } = this.deps.commits.append(this.boardId, update)
    return this.keptLoadedUntil(
      stored
        .then(() => {
          if (!this.integrate(update, this, null)) throw new Error('the board could not integrate this change')
          this.relayToOthers(encodeUpdate(update), null)
        })
        .then(() => durable)
    )
  }

  join(conn: Connection): void {
    this.connections.add(conn)
    // Our step 1 makes the client send what we lack (edits made offline) [S4].
    conn.socket.send(encodeSyncStep1(this.doc))
    this.sendAllAwareness(conn)
  }

  /** Every current state, in one message (when there are none: only if `evenIfNone`, for a query). */
  private sendAllAwareness(conn: Connection, evenIfNone = false): void {
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length === 0 && !evenIfNone) return
    let frame: Uint8Array
    try {
      frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
    } catch (e) {
      // Admitted states always re-encode ([S8] limits); if one ever does not, presence is lost, not the server.
      conn.log.error('awareness could not be encoded', { err: e })
      return
    }
    conn.socket.send(frame)
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return
    if (conn.awarenessClients.size > 0) {
      // Broadcast the removal so the others drop this person's cursor at once [S8].
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], null)
    }
    this.awarenessGuard.release(conn)
    // Held-back entries: the ones for ids this connection owned go to their claimant now (the same
    // tab on its new socket, seen again at once instead of at its next renewal); its own claims lapse.
    const now = performance.now()
    for (const [id, claim] of this.contestedAwareness) {
      // Only a claim as recent as the probe it started: an old one from someone else must not
      // become a departed person's presence.
      if (claim.conn === conn || !this.connections.has(claim.conn) || now - claim.at > CONTESTED_CLAIM_MS) this.contestedAwareness.delete(id)
      else if (this.awarenessGuard.ownerOf(id) === undefined) {
        this.contestedAwareness.delete(id)
        this.admitAwareness(claim.conn, [claim.entry], null)
      }
    }
    this.checkIdle()
  }

  receive(conn: Connection, message: ClientMessage): void {
    switch (message.kind) {
      case 'sync-step1':
        if (Y.decodeStateVector(message.stateVector).size === 0) {
          this.fullSyncFrame ??= encodeSyncStep2(this.doc, message.stateVector)
          conn.socket.send(this.fullSyncFrame)
        } else conn.socket.send(encodeSyncStep2(this.doc, message.stateVector))
        // Every update applied so far is in that step 2; from now on this connection gets relays [S15].
        conn.stateSent = true
        return
      case 'update':
        if (message.empty) return
        if (!canWrite(conn.role)) {
          // [A5] A viewer's write is never applied, stored or relayed. A reconnecting viewer's step 2
          // (nothing new) is dropped silently; a real write gets one "permission denied" per socket.
          if (!conn.deniedSent && !isRedundantUpdate(this.doc, message.update, message.decoded)) {
            conn.deniedSent = true
            conn.log.info('viewer write dropped')
            conn.socket.send(encodePermissionDenied(VIEW_ONLY_REASON))
          }
          return
        }
        if (isRedundantUpdate(this.doc, message.update, message.decoded)) {
          // Already in the doc, hence stored: acknowledged to the author only, once durable.
          this.echoWhenSynced(conn, message.update)
          return
        }
        {
          // [WS2] Only the server writes the workshop map; this client's sync step 2 comes here too.
          const verdict = checkWorkshopWrite(this.doc, message.update, message.decoded)
          if (!verdict.ok) {
            conn.log.warn('workshop write refused', { reason: verdict.reason })
            this.closeConnection(conn, CloseCode.Forbidden)
            return
          }
        }
        this.storeThenApply(conn, message.update)
        return
      case 'awareness': {
        // [WS10] A state claiming another role than this socket's: the whole message is dropped.
        const falseClaim = falseRoleClaim(message.clients, conn.role, (id) => this.awareness.meta.get(id)?.clock)
        if (falseClaim !== null) {
          if (!this.falseClaimLogged.has(conn)) {
            this.falseClaimLogged.add(conn)
            conn.log.warn('awareness with a false role claim dropped (logged once per connection)', { detail: falseClaim })
          }
          return
        }
        this.admitAwareness(conn, message.clients, message.update)
        return
      }
      case 'query-awareness':
        this.sendAllAwareness(conn, true)
        return
      default:
        assertNever(message)
    }
  }

  /** [S8] Applies the entries that are `conn`'s to apply (its own ids, within the limits). */
  private admitAwareness(conn: Connection, entries: readonly AwarenessEntry[], update: Uint8Array | null): void {
    const { kept, refused, contested } = this.awarenessGuard.admit(conn, entries, (id) => {
      const meta = this.awareness.meta.get(id)
      return meta && { clock: meta.clock, hasState: this.awareness.states.has(id) }
    })
    for (const { owner, entry } of contested) {
      this.contestedAwareness.set(entry.clientId, { conn, entry, at: performance.now() })
      owner.socket.probe?.()
    }
    if (refused.length > contested.length && !this.awarenessRefusalLogged.has(conn)) {
      this.awarenessRefusalLogged.add(conn)
      conn.log.warn('awareness entries dropped (logged once per connection)', { dropped: refused.length, first: refused[0] })
    }
    if (kept.length === 0) return
    const bytes = update !== null && kept.length === entries.length ? update : encodeAwarenessEntries(kept)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, conn)
  }

  keepalive(): void {
    for (const conn of this.connections) conn.socket.send(KEEPALIVE_FRAME)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.awareness.off('update', this.onAwarenessUpdate)
    this.doc.off('afterTransaction', this.dropFullSync)
    // Awareness runs a timer of its own; without destroy() every unloaded room would leak one.
    this.awareness.destroy()
    this.doc.destroy()
  }

  private storeThenApply(author: Connection, update: Uint8Array): void {
    // Someone else will see it: its disk flush (the author's "saved") may wait until they have.
    const others = this.connections.size > 1
    const { stored, durable, committed } = this.deps.commits.append(this.boardId, update, { relayed: others })
    const frame = encodeUpdate(update)
    let failed = false
    const fail = (e: unknown, what: string, code: CloseCode = CloseCode.StorageError) => {
      if (failed) return
      failed = true
      author.log.error(what, { err: e })
      this.closeConnection(author, code)
    }
    const applyAndRelay = () => {
      if (this.broken || !this.integrate(update, author, author)) return
      this.relayToOthers(frame, author)
    }
    // Committed within `append` (a quiet server): relayed in this task, not in `stored`'s turn,
    // which comes after the rest of the socket's callback and of the promise queue.
    const relayed = committed
      ? Promise.resolve(applyAndRelay())
      : stored.then(applyAndRelay, (e: unknown) => fail(e, 'update not stored'))
    // The author's "saved": after the relay (the others wait to see it), once it is power-safe.
    void this.keptLoadedUntil(
      Promise.all([relayed, durable]).then(
        () => {
          if (!failed && this.connections.has(author)) author.socket.send(frame)
        },
        (e: unknown) => fail(e, 'update not synced to disk')
      )
    )
  }

  private echoWhenSynced(conn: Connection, update: Uint8Array): void {
    void this.keptLoadedUntil(
      this.deps.commits.synced().then(
        () => {
          if (this.connections.has(conn)) conn.socket.send(encodeUpdate(update))
        },
        (e: unknown) => {
          conn.log.error('update not synced to disk', { err: e })
          this.closeConnection(conn, CloseCode.StorageError)
        }
      )
    )
  }

  /** Keeps the room loaded until `work` settles: an update on its way to disk, an echo waiting for it. */
  private keptLoadedUntil<T>(work: Promise<T>): Promise<T> {
    this.inFlight++
    return work.finally(() => {
      this.inFlight--
      this.checkIdle()
    })
  }

  /**
   * Applies a stored update to the doc. Validated before storing [S16], it should never throw; if
   * it does, the doc may be half-changed: its author is closed (4400, its message was bad), the
   * room reports itself broken (onBroken) and applies or relays nothing more. Returns false then.
   */
  private integrate(update: Uint8Array, origin: unknown, author: Connection | null): boolean {
    try {
      Y.applyUpdate(this.doc, update, origin)
      return true
    } catch (e) {
      this.broken = true
      if (author) this.closeConnection(author, CloseCode.MalformedMessage)
      this.deps.onBroken(this, e)
      return false
    }
  }

  /**
   * Sends a stored update to every connection, but its author, that has been sent the board's
   * state [S15]. A connection without the state yet gets this update inside its step 2, which is
   * encoded from the doc — and the doc integrated the update just before this call, in the same
   * task, so no step 1 was answered in between.
   */
  private relayToOthers(frame: Uint8Array, author: Connection | null): void {
    for (const conn of this.connections) if (conn.stateSent && conn !== author) conn.socket.send(frame)
  }

  private closeConnection(conn: Connection, code: CloseCode): void {
    this.deps.closeConnection(conn, code)
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ) => {
    const conn = this.connectionFor(origin)
    if (conn) {
      for (const id of added) conn.awarenessClients.add(id)
      for (const id of removed) conn.awarenessClients.delete(id)
    }
    // Removed by their owner, by a leave, or timed out in the server's own awareness.
    if (removed.length > 0) this.awarenessGuard.removed(removed)
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const c of this.connections) c.socket.send(frame)
  }

  private connectionFor(origin: unknown): Connection | undefined {
    return this.connections.has(origin as Connection) ? (origin as Connection) : undefined
  }

  private checkIdle(): void {
    if (this.idle && !this.destroyed) this.deps.onIdle(this)
  }
}

function sameStateVector(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false
  for (const [client, clock] of a) if (b.get(client) !== clock) return false
  return true
}
