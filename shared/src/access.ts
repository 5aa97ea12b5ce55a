/**
 * Roles and share links ([A1]–[A8] in shared/SPEC.md).
 *
 * A board has three links, one per role; each carries a random token (32 bytes, base64url, 43
 * characters). The server stores only a SHA-256 of each token. Tokens are parsed at every edge
 * (upgrade, HTTP) before they are hashed or compared.
 */
export const ROLES = ['facilitator', 'edit', 'view'] as const
export type Role = (typeof ROLES)[number]

export const ACCESS_TOKEN_BYTES = 32
const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export type AccessToken = string & { readonly __brand: 'AccessToken' }

export function parseAccessToken(input: unknown): AccessToken | null {
  return typeof input === 'string' && ACCESS_TOKEN_PATTERN.test(input) ? (input as AccessToken) : null
}

export function parseRole(input: unknown): Role | null {
  return typeof input === 'string' && (ROLES as readonly string[]).includes(input) ? (input as Role) : null
}

/** Whether a role may change the board (sync updates, uploads, snapshots, restore) [A4]. */
export function canWrite(role: Role): boolean {
  switch (role) {
    case 'facilitator':
    case 'edit':
      return true
    case 'view':
      return false
  }
}

/** The three links of a board as `POST /api/boards` returns them. */
export type BoardLinks = Record<Role, string>

/** `PUBLIC_URL/b/<id>?token=<token>`. */
export function boardLink(publicUrl: string, boardId: string, token: string): string {
  return `${publicUrl}/b/${boardId}?token=${token}`
}

/** Sides a participant picks at join ([A9]); published in presence `meta.side`. */
export const SIDES = ['product', 'engineering', 'design', 'other'] as const
export type Side = (typeof SIDES)[number]
export function parseSide(input: unknown): Side | null {
  return typeof input === 'string' && (SIDES as readonly string[]).includes(input) ? (input as Side) : null
}
