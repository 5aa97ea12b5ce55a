/**
 * The board link token on this device ([A8], shared/SPEC.md). A board page is opened with
 * `/b/<id>?token=<token>`; the token is kept in the URL and in localStorage per board, so reopening
 * a board from the recent list (plain `/b/<id>`) still works. Every board API call sends it as
 * `Authorization: Bearer`, the socket as y-websocket `params` (`/sync/<id>?token=`).
 *
 * The links returned when this browser created a board (all three roles) are kept too, for the
 * Share menu; a person who joined by a link knows only that link.
 */
import { browserStorage } from '../browserStorage'
import { ROLES, parseAccessToken, parseRole, type BoardLinks, type Role } from '@overlap/shared/access'

const tokenKey = (boardId: string) => `overlap:token:${boardId}`
const linksKey = (boardId: string) => `overlap:links:${boardId}`

const storage = browserStorage

export function tokenFromLink(link: string): string | null {
  try {
    return parseAccessToken(new URL(link, 'http://x').searchParams.get('token'))
  } catch {
    return null
  }
}

export function rememberToken(boardId: string, token: string): void {
  if (parseAccessToken(token) === null) return
  storage()?.setItem(tokenKey(boardId), token)
}

/** The token of the current URL if valid (remembered), else the remembered one, else null. */
export function boardToken(boardId: string): string | null {
  const fromUrl = typeof window === 'undefined' ? null : tokenFromLink(window.location.href)
  if (fromUrl !== null && window.location.pathname.startsWith(`/b/${boardId}`)) {
    // Only the board page's link becomes this browser's token for the board. A shared snapshot link
    // (`/b/<id>/s/<sid>?token=<view token>`) is used as is but must not downgrade a facilitator.
    if (window.location.pathname === `/b/${boardId}`) rememberToken(boardId, fromUrl)
    return fromUrl
  }
  return parseAccessToken(storage()?.getItem(tokenKey(boardId)) ?? null)
}

/** Puts the remembered token back into the address bar (`/b/<id>` from the recent list). */
export function ensureTokenInUrl(boardId: string): void {
  const token = boardToken(boardId)
  if (token === null || tokenFromLink(window.location.href) === token) return
  const url = new URL(window.location.href)
  url.searchParams.set('token', token)
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
}

export function authHeaders(boardId: string): Record<string, string> {
  const token = boardToken(boardId)
  return token === null ? {} : { Authorization: `Bearer ${token}` }
}

export const UNREACHABLE_MESSAGE = 'The server cannot be reached. Try again once the board shows it is live.'

/**
 * `fetchImpl` with the board's token added to every request. A request that never got an answer
 * (server down, network gone) fails with a sentence a person can act on, not the browser's
 * "Failed to fetch", which every caller would otherwise show as is.
 */
export function boardFetch(boardId: string, fetchImpl: typeof fetch): typeof fetch {
  return (input, init) =>
    fetchImpl(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...authHeaders(boardId) } }).catch(
      (e: unknown) => {
        if (e instanceof TypeError) throw new Error(UNREACHABLE_MESSAGE, { cause: e })
        throw e // an abort stays an abort
      }
    )
}

/** Links of a board this browser created (all roles), plus any link it learned by rotating. */
export function rememberLinks(boardId: string, links: Partial<BoardLinks>): void {
  const s = storage()
  if (!s) return
  s.setItem(linksKey(boardId), JSON.stringify({ ...storedLinks(boardId), ...links }))
  // Only the facilitator link is this browser's own (creator, or the facilitator rotated it).
  const token = links.facilitator ? tokenFromLink(links.facilitator) : null
  if (token) rememberToken(boardId, token)
}

export function storedLinks(boardId: string): Partial<BoardLinks> {
  let parsed: unknown = null
  try {
    parsed = JSON.parse(storage()?.getItem(linksKey(boardId)) ?? 'null')
  } catch {
    parsed = null
  }
  const out: Partial<BoardLinks> = {}
  if (parsed !== null && typeof parsed === 'object') {
    for (const role of ROLES) {
      const v = (parsed as Record<string, unknown>)[role]
      if (typeof v === 'string' && tokenFromLink(v) !== null) out[role] = v
    }
  }
  return out
}

/**
 * The role this browser's token has on a board, as far as it can tell without the server (offline):
 * the role of the stored link carrying that token, else null.
 */
export function roleOfStoredToken(boardId: string): Role | null {
  const token = boardToken(boardId)
  if (token === null) return null
  const links = storedLinks(boardId)
  for (const role of ROLES) {
    const link = links[role]
    if (link && tokenFromLink(link) === token) return role
  }
  return null
}

/** Parses the `links` object of a create/import response (each must carry a token). */
export function parseLinks(input: unknown): Partial<BoardLinks> {
  const out: Partial<BoardLinks> = {}
  if (input === null || typeof input !== 'object') return out
  for (const [k, v] of Object.entries(input)) {
    const role = parseRole(k)
    if (role && typeof v === 'string' && tokenFromLink(v) !== null) out[role] = v
  }
  return out
}

export type { Role }
