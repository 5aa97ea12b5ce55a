/**
 * Snapshots, board export and .tldr import over HTTP (shared/PROTOCOL.md). Like boardsApi, responses
 * are parsed, not cast: the history panel must show "could not load" rather than crash on a proxy page.
 */
import { boardFetch, parseLinks, rememberLinks } from '../access/boardAccess'
import { ApiError } from './boardsApi'

export interface SnapshotMeta {
  id: string
  boardId: string
  name: string
  author: string | null
  createdAt: string
  kind: 'manual' | 'auto'
  summary: { shapes: number; cards: number; links: number }
}

/** `{ store: {id: record}, schema }`: what tldraw's `loadSnapshot` accepts as `document`. */
export interface StoreDocument {
  store: Record<string, unknown>
  schema: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export function parseSnapshotMeta(raw: unknown): SnapshotMeta | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.name !== 'string') return null
  const summary = isObject(raw.summary) ? raw.summary : {}
  return {
    id: raw.id,
    boardId: typeof raw.boardId === 'string' ? raw.boardId : '',
    name: raw.name,
    author: typeof raw.author === 'string' ? raw.author : null,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : typeof raw.createdAt === 'number' ? new Date(raw.createdAt).toISOString() : '',
    kind: raw.kind === 'auto' ? 'auto' : 'manual',
    summary: { shapes: num(summary.shapes), cards: num(summary.cards), links: num(summary.links) },
  }
}

export function parseStoreDocument(raw: unknown): StoreDocument | null {
  if (!isObject(raw) || !isObject(raw.document)) return null
  const { store, schema } = raw.document
  if (!isObject(store) || !isObject(schema)) return null
  return { store, schema }
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null)
  if (isObject(body)) {
    const message = typeof body.message === 'string' ? body.message : null
    const code = typeof body.error === 'string' ? body.error : null
    if (message || code) return new ApiError(message && code ? `${message} (${code})` : (message ?? code)!, res.status)
  }
  return new ApiError(`${res.status} ${res.statusText}`, res.status)
}

async function json(res: Response): Promise<unknown> {
  if (!res.ok) throw await errorFrom(res)
  return res.json().catch(() => {
    throw new ApiError(`unexpected response (${res.status})`, res.status)
  })
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

export async function listSnapshots(boardId: string, fetchImpl: typeof fetch = fetch): Promise<SnapshotMeta[]> {
  const body = await json(await boardFetch(boardId, fetchImpl)(`${base(boardId)}/snapshots`, { cache: 'no-store' }))
  if (!isObject(body) || !Array.isArray(body.snapshots)) throw new ApiError('server returned no snapshot list', 200)
  return body.snapshots.map(parseSnapshotMeta).filter((s): s is SnapshotMeta => s !== null)
}

export async function createSnapshot(boardId: string, name: string, author: string | null, fetchImpl: typeof fetch = fetch): Promise<SnapshotMeta> {
  const res = await boardFetch(boardId, fetchImpl)(`${base(boardId)}/snapshots`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(author ? { name, author } : { name }),
  })
  const meta = parseSnapshotMeta(await json(res))
  if (!meta) throw new ApiError('server returned no snapshot', res.status)
  return meta
}

export async function getSnapshot(
  boardId: string,
  snapshotId: string,
  fetchImpl: typeof fetch = fetch
): Promise<{ meta: SnapshotMeta; document: StoreDocument }> {
  const body = await json(await boardFetch(boardId, fetchImpl)(`${base(boardId)}/snapshots/${encodeURIComponent(snapshotId)}`))
  const meta = parseSnapshotMeta(body)
  const document = isObject(body) ? parseStoreDocument(body.snapshot) : null
  if (!meta || !document) throw new ApiError('server returned no snapshot', 200)
  return { meta, document }
}

/** The board as the server has it now (for "compare with now"). */
export async function getBoardDocument(boardId: string, fetchImpl: typeof fetch = fetch): Promise<StoreDocument> {
  const document = parseStoreDocument(await json(await boardFetch(boardId, fetchImpl)(`${base(boardId)}/snapshot`, { cache: 'no-store' })))
  if (!document) throw new ApiError('server returned no board', 200)
  return document
}

/** A .tldr file into a NEW board; a refused file throws an ApiError carrying the server's reason. */
export async function importTldr(file: Blob, name: string, fetchImpl: typeof fetch = fetch): Promise<{ id: string; url: string; shapes: number }> {
  const res = await fetchImpl(`/api/boards/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: file,
  })
  const body = await json(res)
  if (!isObject(body) || typeof body.id !== 'string') throw new ApiError('server returned no board id', res.status)
  rememberLinks(body.id, parseLinks(body.links))
  return { id: body.id, url: typeof body.url === 'string' ? body.url : `/b/${body.id}`, shapes: num(body.shapes) }
}
