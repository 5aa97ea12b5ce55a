/**
 * WebSocket close codes used by the Overlap server and understood by the client.
 *
 * One table for both sides so that the UI can explain why a socket closed and tests can
 * assert the exact reason. Codes 4000–4999 are reserved by RFC 6455 for applications; we
 * mirror HTTP status numbers in the last three digits where one fits.
 */
export const CloseCode = {
  /** The server is shutting down or restarting; reconnect later. */
  ServerRestarting: 1012,
  /** A frame could not be decoded as a y-websocket message (random bytes, truncated update…). */
  MalformedMessage: 4400,
  /** Missing or wrong access token. */
  Unauthorized: 4401,
  /** Token is valid but the role does not allow the action. */
  Forbidden: 4403,
  /** No board with this id exists. */
  NotFound: 4404,
  /** A frame larger than the configured MAX_MESSAGE_BYTES. */
  MessageTooLarge: 4413,
  /** Too many messages/bytes from one connection. */
  RateLimited: 4429,
  /** The board failed to load from storage, or storing an update failed. */
  StorageError: 4500,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Short machine-readable reasons sent as the close frame's reason text (must stay under 123 bytes). */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.ServerRestarting]: 'server restarting',
  [CloseCode.MalformedMessage]: 'malformed message',
  [CloseCode.Unauthorized]: 'unauthorized',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.NotFound]: 'board not found',
  [CloseCode.MessageTooLarge]: 'message too large',
  [CloseCode.RateLimited]: 'rate limited',
  [CloseCode.StorageError]: 'storage error',
}

/** Whether a client should keep retrying after a close with this code. */
export function isRetryableClose(code: number): boolean {
  switch (code) {
    case CloseCode.NotFound:
    case CloseCode.Unauthorized:
    case CloseCode.Forbidden:
    // The same oversized change would be sent again on every reconnect, closing the socket each time.
    case CloseCode.MessageTooLarge:
      return false
    default:
      return true
  }
}

export function describeClose(code: number): string {
  return (CloseReason as Record<number, string>)[code] ?? `closed (${code})`
}
