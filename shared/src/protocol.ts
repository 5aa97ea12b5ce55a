/**
 * Wire constants of the y-websocket protocol as Overlap speaks it, and limits that client and
 * server must agree on. The byte-level description lives in `shared/PROTOCOL.md`.
 */

/** First varUint of every WebSocket frame (one message per frame). */
export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  Sync: 0,
  /** y-protocols awareness update (presence). */
  Awareness: 1,
  /** y-protocols auth: `varUint 0` + reason = permission denied. Sent by the server to a viewer whose write it dropped [A5]; refused from clients. */
  Auth: 2,
  /** "Send me every awareness state you know"; the answer is one Awareness message. */
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Second varUint of a Sync message. */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/** WebSocket endpoint: `${origin}/sync/${boardId}`. */
export const SYNC_PATH_PREFIX = '/sync/'

/** Default largest WebSocket message the server accepts (a paste of many shapes fits easily). */
export const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024
/**
 * Shapes a page may hold: every editor's `maxShapesPerPage` (trap 10: tldraw's default is 4,000 and it
 * refuses more without a word). Every client must use the same number, or records arriving past one
 * client's limit diverge; imports are refused above it.
 */
export const MAX_SHAPES_PER_PAGE = 10_000
/** Default largest image upload. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/**
 * The y-websocket client drops a connection that heard nothing for 30 s; the server sends an
 * empty awareness update to every connection at this interval so an idle board stays connected.
 */
export const KEEPALIVE_INTERVAL_MS = 15_000

/** Image types accepted by `POST /api/boards/:id/assets`. */
export const ALLOWED_ASSET_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/svg+xml',
] as const
export type AssetContentType = (typeof ALLOWED_ASSET_CONTENT_TYPES)[number]

export function parseAssetContentType(input: unknown): AssetContentType | null {
  if (typeof input !== 'string') return null
  // Ignore parameters such as `; charset=utf-8` and letter case.
  const base = input.split(';')[0]!.trim().toLowerCase()
  return (ALLOWED_ASSET_CONTENT_TYPES as readonly string[]).includes(base)
    ? (base as AssetContentType)
    : null
}
