/**
 * Board ids: 16 random bytes (128 bits) in base64url, 22 characters.
 *
 * Parsed at every edge (HTTP routes, the WebSocket upgrade) before anything touches storage,
 * so a malformed id can never reach a SQL statement or a file path.
 */
export const BOARD_ID_BYTES = 16
const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export type BoardId = string & { readonly __brand: 'BoardId' }

export function parseBoardId(input: unknown): BoardId | null {
  return typeof input === 'string' && BOARD_ID_PATTERN.test(input) ? (input as BoardId) : null
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** `randomBytes` is injected so that tests can make ids deterministic; defaults to WebCrypto. */
export function generateBoardId(
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))
): BoardId {
  return toBase64Url(randomBytes(BOARD_ID_BYTES)) as BoardId
}

/**
 * Board names: control characters, bidirectional overrides and lone surrogates removed (invisible,
 * an override can make a name read as something else in lists and links, and a lone surrogate is no
 * character at all: storage turned it into replacement marks), runs of spaces made one (what a
 * removed character left between two spaces), trimmed, then 1–200 characters (code points: an emoji
 * is one).
 */
export const MAX_BOARD_NAME_CHARS = 200
// C0 and C1 controls; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI.
const INVISIBLE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
export function parseBoardName(input: unknown): string | null {
  if (typeof input !== 'string') return null
  const name = input.replace(INVISIBLE_IN_NAMES, '').replace(/ {2,}/g, ' ').trim()
  const chars = [...name].length
  if (chars === 0 || chars > MAX_BOARD_NAME_CHARS) return null
  return name
}
