/**
 * The server's WebSocket class (ws's `WebSocketServer({ WebSocket })` option): ws's own, with two
 * additions the sync endpoint needs.
 */
import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'
import { CloseCode, CloseReason } from '@overlap/shared'

/** ws's own "message too big" close code (RFC 6455). */
const WS_MESSAGE_TOO_BIG = 1009

/** ws 8.23's `Sender` state when nothing is queued (`DEFAULT` in ws/lib/sender.js). */
const WS_SENDER_IDLE = 0

export class LimitedWebSocket extends WebSocket {
  /** ws closes an oversized frame with 1009; the client is told MessageTooLarge (4413) instead [S9]. */
  override close(code?: number, data?: string | Buffer): void {
    if (code === WS_MESSAGE_TOO_BIG) {
      super.close(CloseCode.MessageTooLarge, CloseReason[CloseCode.MessageTooLarge])
      return
    }
    super.close(code, data)
  }

  /**
   * Writes a prebuilt frame (binaryFrame.ts) straight to the socket, as ws itself would. ws writes
   * each frame to its socket at once unless its sender is busy (compressing, reading a Blob); a
   * frame written then would overtake the queued ones, so this answers false and the caller uses
   * `send`. Reads ws 8.23's internals (`_sender._state`, `_socket`), hence the exact version pin
   * and LimitedWebSocket.test.ts, which fails if a new ws no longer takes this path.
   */
  writeFrame(frame: Buffer): boolean {
    const internals = this as unknown as { _sender?: { _state?: unknown } | null; _socket?: Duplex | null }
    if (internals._sender?._state !== WS_SENDER_IDLE || !internals._socket) return false
    internals._socket.write(frame)
    return true
  }
}
