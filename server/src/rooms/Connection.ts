/**
 * One client's WebSocket as the rooms see it. Rooms never touch `ws` directly: they get a
 * `SyncSocket` (send a frame, close with a code), so room logic is testable without sockets.
 */
import type { BoardId, Role } from '@overlap/shared'
import type { Logger } from '../log.js'

export interface SyncSocket {
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
  /**
   * Checks the peer is still there (a WebSocket ping); if no answer comes soon, the socket is
   * dropped, which ends the connection as any close does. Optional: test sockets need not.
   */
  probe?(): void
}

/**
 * Lifecycle of a connection:
 * - `loading`: accepted; its room is being loaded from storage. Frames are queued and replayed in
 *   order once the room is live (the client sends step 1 and awareness right after `open`).
 * - `live`: joined the room; frames are handled as they arrive.
 * - `closing`: we closed it or the peer went away; frames are dropped, it has left the room.
 */
export type ConnectionState =
  | { phase: 'loading'; queue: Uint8Array[]; queuedBytes: number }
  | { phase: 'live' }
  | { phase: 'closing'; code: number }

export interface Connection {
  readonly id: string
  readonly boardId: BoardId
  readonly socket: SyncSocket
  readonly log: Logger
  state: ConnectionState
  /** Decided at the upgrade, before joining [A3]; a viewer's updates are dropped [A5]. */
  readonly role: Role
  /** Hash of the token it joined with: a rotation closes connections whose token is gone [A6]. */
  readonly tokenHash: string
  /** Whether this viewer was already told "permission denied" (sent once per connection). */
  deniedSent: boolean
  /**
   * Whether the room has answered this connection's sync step 1 [S15]. Until then it is sent no
   * relayed updates: they would arrive before the state they build on, and Yjs would hold them as
   * pending structs, re-merging that pile on every further update (quadratic in a busy room).
   */
  stateSent: boolean
  /** Awareness client ids this connection has announced; removed for everyone when it closes. */
  readonly awarenessClients: Set<number>
}

/** What the upgrade decided about a socket ([A3]). */
export interface ConnectionAccess {
  role: Role
  tokenHash: string
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`)
}
