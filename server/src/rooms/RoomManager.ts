/**
 * Loads rooms on first connection and unloads them when the last connection has gone and no
 * update is waiting for storage. Owns every connection's lifecycle (see Connection.ts).
 *
 * Unknown boards are discovered by the load itself (storage returns null): every connection
 * waiting for that room is closed with NotFound (4404) and nothing is created — a typo never
 * makes a board [S2].
 */
import * as Y from 'yjs'
import { CloseCode, CloseReason, type BoardId, type Role } from '@overlap/shared'
import type { Logger } from '../log.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import type { CommitQueue } from '../storage/commitQueue.js'
import { assertNever, type Connection, type ConnectionAccess, type SyncSocket } from './Connection.js'
import { parseClientMessage } from './messages.js'
import { Room } from './Room.js'
import { openStoredDoc } from '../storage/mergeDoc.js'

/** Frames a connection may queue while its room loads, before we call it abuse. */
export const MAX_QUEUED_BYTES_WHILE_LOADING = 32 * 1024 * 1024

/** Someone on the server waiting for a room to load (a restore); gets the room, already held. */
type RoomWaiter = { resolve(held: { room: Room; release(): void } | null): void; reject(e: unknown): void }

type RoomEntry =
  | { status: 'loading'; waiting: Set<Connection>; waiters: RoomWaiter[] }
  | { status: 'live'; room: Room }

export interface RoomManagerDeps {
  storage: BoardStorage
  commits: CommitQueue
  log: Logger
  /**
   * Called when a room is about to be unloaded (the last client left, nothing in flight), with its doc
   * still intact — read it synchronously, it is destroyed right after (automatic snapshots [SN6]).
   */
  onRoomUnloading?(boardId: BoardId, doc: Y.Doc): void
}

export interface ConnectionHandle {
  /** A frame arrived from the peer. */
  receive(frame: Uint8Array): void
  /** The socket closed (either side). */
  closed(): void
}

export interface RoomManager {
  connect(boardId: BoardId, socket: SyncSocket, connId: string, access: ConnectionAccess): ConnectionHandle
  /**
   * Closes, with Unauthorized (4401), every connection of `boardId` with `role` whose token hash is
   * not `currentHash` (a rotated link [A6]). Returns how many were closed.
   */
  revoke(boardId: BoardId, role: Role, currentHash: string): number
  /**
   * The doc of a board whose room is live in memory, else null (never loads one). It holds exactly
   * the stored updates [S6], so read-only HTTP routes can use it instead of decoding storage.
   */
  loadedDoc(boardId: BoardId): Y.Doc | null
  /**
   * Runs `fn` with the board's live room, loading it first if needed (as a connection would) and
   * keeping it loaded until `fn` settles. Resolves to null for an unknown board; rejects if loading
   * failed.
   */
  withRoom<T>(boardId: BoardId, fn: (room: Room) => Promise<T>): Promise<{ value: T } | null>
  /** Boards whose room is live in memory. */
  liveBoards(): BoardId[]
  /** Number of rooms in memory (loading or live). */
  roomCount(): number
  connectionCount(): number
  /** Sends the keep-alive frame to every live connection. */
  keepalive(): void
  /** Closes every connection with `code` (shutdown). */
  closeAll(code: CloseCode): void
}

export function createRoomManager({ storage, commits, log, onRoomUnloading }: RoomManagerDeps): RoomManager {
  const rooms = new Map<BoardId, RoomEntry>()
  const connections = new Set<Connection>()

  const close = (conn: Connection, code: CloseCode, detail?: string) => {
    if (conn.state.phase === 'closing') return
    conn.log.info('closing connection', { code, reason: CloseReason[code], detail })
    leave(conn)
    conn.state = { phase: 'closing', code }
    conn.socket.close(code, CloseReason[code])
  }

  const leave = (conn: Connection) => {
    connections.delete(conn)
    const entry = rooms.get(conn.boardId)
    if (!entry) return
    switch (entry.status) {
      case 'loading':
        entry.waiting.delete(conn)
        return
      case 'live':
        entry.room.leave(conn)
        return
      default:
        assertNever(entry)
    }
  }

  const handleFrame = (conn: Connection, room: Room, frame: Uint8Array) => {
    const parsed = parseClientMessage(frame)
    if (!parsed.ok) {
      conn.log.warn('malformed message', { reason: parsed.reason, bytes: frame.byteLength })
      close(conn, CloseCode.MalformedMessage, parsed.reason)
      return
    }
    try {
      room.receive(conn, parsed.message)
    } catch (e) {
      conn.log.warn('message refused by room', { err: e })
      close(conn, CloseCode.MalformedMessage)
    }
  }

  const goLive = (conn: Connection, room: Room, queue: Uint8Array[]) => {
    conn.state = { phase: 'live' }
    room.join(conn)
    for (const frame of queue) {
      // A queued frame may have closed the connection (malformed): stop replaying.
      if (conn.state.phase !== 'live') return
      handleFrame(conn, room, frame)
    }
  }

  const unload = (room: Room) => {
    if (!room.idle) return
    const entry = rooms.get(room.boardId)
    // A room dropped as broken is no longer the board's entry; its doc is not worth a snapshot.
    if (entry?.status === 'live' && entry.room === room) {
      rooms.delete(room.boardId)
      try {
        onRoomUnloading?.(room.boardId, room.doc)
      } catch (e) {
        log.error('room unload hook failed', { boardId: room.boardId, err: e })
      }
    }
    room.destroy()
    log.debug('room unloaded', { boardId: room.boardId, rooms: rooms.size })
  }

  /**
   * The room's doc threw while integrating a stored update [S38]: everyone on it is closed with
   * StorageError (they reconnect), and the next connection loads the board afresh from storage,
   * whose reader leaves such an update out. The old room goes once its work in flight settles.
   */
  const dropBroken = (room: Room, err: unknown) => {
    log.error('board doc could not integrate a stored update; reloading the board', { boardId: room.boardId, err })
    for (const conn of [...connections]) {
      if (conn.boardId === room.boardId && conn.state.phase === 'live') close(conn, CloseCode.StorageError, 'board reloading')
    }
    const entry = rooms.get(room.boardId)
    if (entry?.status === 'live' && entry.room === room) rooms.delete(room.boardId)
    unload(room)
  }

  const load = async (boardId: BoardId, waiting: Set<Connection>, waiters: RoomWaiter[]) => {
    const started = performance.now()
    let doc: Y.Doc | null = null
    try {
      const stored = await storage.loadDoc(boardId)
      if (stored) {
        doc = openStoredDoc(stored, log, boardId)
      }
    } catch (e) {
      log.error('loading board failed', { boardId, err: e })
      rooms.delete(boardId)
      for (const conn of [...waiting]) close(conn, CloseCode.StorageError)
      for (const w of waiters) w.reject(e)
      return
    }
    if (!doc) {
      rooms.delete(boardId)
      for (const conn of [...waiting]) close(conn, CloseCode.NotFound)
      for (const w of waiters) w.resolve(null)
      return
    }
    const room = new Room({ boardId, doc, commits, log: log.child({ boardId }), onIdle: unload, onBroken: dropBroken, closeConnection: close })
    rooms.set(boardId, { status: 'live', room })
    log.debug('room loaded', { boardId, ms: Math.round(performance.now() - started), waiting: waiting.size })
    for (const w of waiters) w.resolve({ room, release: room.hold() })
    for (const conn of waiting) {
      if (conn.state.phase !== 'loading') continue
      goLive(conn, room, conn.state.queue)
    }
    // Everyone left while we were loading.
    if (room.idle) unload(room)
  }

  return {
    connect(boardId, socket, connId, access) {
      const conn: Connection = {
        id: connId,
        boardId,
        socket,
        role: access.role,
        tokenHash: access.tokenHash,
        deniedSent: false,
        stateSent: false,
        log: log.child({ boardId, connId, role: access.role }),
        state: { phase: 'loading', queue: [], queuedBytes: 0 },
        awarenessClients: new Set(),
      }
      connections.add(conn)
      conn.log.debug('connection opened')
      const entry = rooms.get(boardId)
      if (entry === undefined) {
        const waiting = new Set([conn])
        const waiters: RoomWaiter[] = []
        rooms.set(boardId, { status: 'loading', waiting, waiters })
        void load(boardId, waiting, waiters)
      } else if (entry.status === 'loading') {
        entry.waiting.add(conn)
      } else {
        goLive(conn, entry.room, [])
      }

      return {
        receive(frame) {
          const state = conn.state
          switch (state.phase) {
            case 'loading':
              state.queue.push(frame)
              state.queuedBytes += frame.byteLength
              if (state.queuedBytes > MAX_QUEUED_BYTES_WHILE_LOADING) close(conn, CloseCode.RateLimited)
              return
            case 'live': {
              const entry = rooms.get(boardId)
              if (entry?.status === 'live') handleFrame(conn, entry.room, frame)
              return
            }
            case 'closing':
              return
            default:
              assertNever(state)
          }
        },
        closed() {
          if (conn.state.phase !== 'closing') {
            leave(conn)
            conn.state = { phase: 'closing', code: 1000 }
            conn.log.debug('connection closed by peer')
          }
        },
      }
    },
    revoke(boardId, role, currentHash) {
      let closed = 0
      for (const conn of [...connections]) {
        if (conn.boardId === boardId && conn.role === role && conn.tokenHash !== currentHash) {
          close(conn, CloseCode.Unauthorized, 'link rotated')
          closed++
        }
      }
      return closed
    },
    loadedDoc(boardId) {
      const entry = rooms.get(boardId)
      return entry?.status === 'live' ? entry.room.doc : null
    },
    async withRoom(boardId, fn) {
      const entry = rooms.get(boardId)
      let held: { room: Room; release(): void } | null
      if (entry?.status === 'live') {
        held = { room: entry.room, release: entry.room.hold() }
      } else {
        held = await new Promise<{ room: Room; release(): void } | null>((resolve, reject) => {
          const waiter = { resolve, reject }
          if (entry?.status === 'loading') {
            entry.waiters.push(waiter)
          } else {
            const waiting = new Set<Connection>()
            const waiters = [waiter]
            rooms.set(boardId, { status: 'loading', waiting, waiters })
            void load(boardId, waiting, waiters)
          }
        })
      }
      if (held === null) return null
      try {
        return { value: await fn(held.room) }
      } finally {
        held.release()
      }
    },
    liveBoards() {
      return [...rooms].filter(([, e]) => e.status === 'live').map(([id]) => id)
    },
    roomCount: () => rooms.size,
    connectionCount: () => connections.size,
    keepalive() {
      for (const entry of rooms.values()) if (entry.status === 'live') entry.room.keepalive()
    },
    closeAll(code) {
      for (const conn of [...connections]) close(conn, code)
    },
  }
}
