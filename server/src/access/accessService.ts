/**
 * Who may open a board, and as what ([A1]–[A7], shared/SPEC.md).
 *
 * Tokens are 32 random bytes (base64url). Only their SHA-256 is stored; a presented token is parsed
 * (`parseAccessToken`), hashed and compared in constant time with each role's stored hash. Rotating
 * a role stores a new hash and tells listeners (the rooms close that role's sockets at once).
 */
import crypto from 'node:crypto'
import {
  ACCESS_TOKEN_BYTES,
  ROLES,
  parseAccessToken,
  type AccessToken,
  type BoardId,
  type Role,
} from '@overlap/shared'
import type { BoardStorage, LinkHashes } from '../storage/BoardStorage.js'

export type AccessDecision =
  | { kind: 'granted'; role: Role; tokenHash: string }
  | { kind: 'not-found' }
  | { kind: 'unauthorized' }

export interface AccessService {
  /** Fresh tokens for a new board, and the hashes to store with it. */
  createLinks(): { tokens: Record<Role, AccessToken>; hashes: LinkHashes }
  /** Decides access for a raw (unparsed) token; an unknown board is `not-found` whatever the token. */
  authorize(boardId: BoardId, rawToken: unknown): Promise<AccessDecision>
  /** Replaces `role`'s token; resolves to the new token after it is stored and listeners ran. */
  rotate(boardId: BoardId, role: Role): Promise<AccessToken>
  /**
   * False if `role` of `boardId` was rotated away from `tokenHash` in this process. Closes the race
   * where a socket was authorized just before a rotation and joins just after it ([A6]).
   */
  isCurrent(boardId: BoardId, role: Role, tokenHash: string): boolean
  /** Called after a rotation with the role and its new hash. */
  onRotated(listener: (boardId: BoardId, role: Role, newHash: string) => void): void
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex')
}

export function createAccessService({
  storage,
  randomBytes = (n) => crypto.randomBytes(n),
}: {
  storage: BoardStorage
  randomBytes?: (n: number) => Uint8Array
}): AccessService {
  const listeners: ((boardId: BoardId, role: Role, newHash: string) => void)[] = []
  /** Latest hash of every role rotated since start (one short entry per rotation ever made). */
  const rotated = new Map<string, string>()
  const key = (boardId: BoardId, role: Role) => `${boardId} ${role}`
  const newToken = () => Buffer.from(randomBytes(ACCESS_TOKEN_BYTES)).toString('base64url') as AccessToken

  return {
    createLinks() {
      const tokens = { facilitator: newToken(), edit: newToken(), view: newToken() }
      const hashes = { facilitator: hashToken(tokens.facilitator), edit: hashToken(tokens.edit), view: hashToken(tokens.view) }
      return { tokens, hashes }
    },
    async authorize(boardId, rawToken) {
      const links = await storage.getLinkHashes(boardId)
      if (links === null && (await storage.getBoard(boardId)) === null) return { kind: 'not-found' }
      const token = parseAccessToken(rawToken)
      if (token === null || links === null) return { kind: 'unauthorized' }
      const presented = Buffer.from(hashToken(token), 'hex')
      for (const role of ROLES) {
        const stored = Buffer.from(links[role], 'hex')
        if (stored.length === presented.length && crypto.timingSafeEqual(stored, presented)) {
          return { kind: 'granted', role, tokenHash: links[role] }
        }
      }
      return { kind: 'unauthorized' }
    },
    async rotate(boardId, role) {
      const token = newToken()
      const hash = hashToken(token)
      await storage.setLinkHash(boardId, role, hash)
      rotated.set(key(boardId, role), hash)
      for (const l of listeners) l(boardId, role, hash)
      return token
    },
    isCurrent(boardId, role, tokenHash) {
      const latest = rotated.get(key(boardId, role))
      return latest === undefined || latest === tokenHash
    },
    onRotated(listener) {
      listeners.push(listener)
    },
  }
}
