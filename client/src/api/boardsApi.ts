/**
 * The HTTP API of the Overlap server (docs/ARCHITECTURE.md, "HTTP"). Responses are parsed, not
 * cast: a proxy error page or a server from another version must surface as an error, not as
 * `undefined` fields deep inside the UI.
 */
import { parseRole, type BoardLinks, type Role } from '@overlap/shared/access'
import { boardFetch, parseLinks, rememberLinks } from '../access/boardAccess'

export interface BoardInfo {
  id: string
  name: string
  createdAt: string | number | null
  /** The role of this device's link token ([A7]); 'view' if the server did not say. */
  role: Role
}

export type GetBoardResult =
  | { kind: 'found'; board: BoardInfo }
  | { kind: 'not-found' }
  /** 401: no token on this device, or the link was rotated ([A8]). */
  | { kind: 'unauthorized' }
  | { kind: 'error'; message: string }

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function readJsonObject(res: Response): Promise<Record<string, unknown>> {
  const body: unknown = await res.json().catch(() => null)
  if (body === null || typeof body !== 'object') throw new ApiError(`unexpected response (${res.status})`, res.status)
  return body as Record<string, unknown>
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null)
  const msg =
    body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : `${res.status} ${res.statusText}`
  return new ApiError(msg, res.status)
}

/** `template`: a template id (GET /api/templates); the server writes it onto the new board. */
export async function createBoard(
  name: string,
  fetchImpl: typeof fetch = fetch,
  template?: string
): Promise<{ id: string; url: string; links: Partial<BoardLinks> }> {
  const res = await fetchImpl('/api/boards', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(template ? { name, template } : { name }),
  })
  if (res.status !== 201 && res.status !== 200) throw await errorFrom(res)
  const body = await readJsonObject(res)
  if (typeof body.id !== 'string') throw new ApiError('server returned no board id', res.status)
  // The creator is the facilitator: keep all three links (Share menu) and the facilitator token.
  const links = parseLinks(body.links)
  rememberLinks(body.id, links)
  return { id: body.id, url: typeof body.url === 'string' ? body.url : `/b/${body.id}`, links }
}

export async function getBoard(id: string, fetchImpl: typeof fetch = fetch): Promise<GetBoardResult> {
  let res: Response
  try {
    res = await boardFetch(id, fetchImpl)(`/api/boards/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } })
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  // 400 means the id is malformed: for the user that is the same as "no such board".
  if (res.status === 404 || res.status === 400) return { kind: 'not-found' }
  if (res.status === 401) return { kind: 'unauthorized' }
  if (!res.ok) return { kind: 'error', message: (await errorFrom(res)).message }
  try {
    const body = await readJsonObject(res)
    return {
      kind: 'found',
      board: {
        id: typeof body.id === 'string' ? body.id : id,
        name: typeof body.name === 'string' ? body.name : 'Untitled board',
        createdAt: typeof body.createdAt === 'string' || typeof body.createdAt === 'number' ? body.createdAt : null,
        role: parseRole(body.role) ?? 'view',
      },
    }
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) }
  }
}

export async function uploadAsset(boardId: string, file: Blob, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<string> {
  const res = await boardFetch(boardId, fetchImpl)(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
    signal,
  })
  if (res.status !== 201 && res.status !== 200) throw await errorFrom(res)
  const body = await readJsonObject(res)
  if (typeof body.url !== 'string') throw new ApiError('server returned no asset url', res.status)
  return body.url
}

/** `POST /api/boards/:id/links/:role/rotate` (facilitator): the new link; the old one stops working. */
export async function rotateLink(boardId: string, role: Role, fetchImpl: typeof fetch = fetch): Promise<string> {
  const res = await boardFetch(boardId, fetchImpl)(`/api/boards/${encodeURIComponent(boardId)}/links/${role}/rotate`, { method: 'POST' })
  if (!res.ok) throw await errorFrom(res)
  const body = await readJsonObject(res)
  const link = parseLinks({ [role]: body.link })[role]
  if (!link) throw new ApiError('server returned no link', res.status)
  rememberLinks(boardId, { [role]: link })
  return link
}
