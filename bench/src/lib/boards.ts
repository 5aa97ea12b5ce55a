/** Board (room) creation on either server. */
import { randomUUID } from 'node:crypto'
import type { ServerHandle } from './servers.js'

/**
 * Ours: `POST /api/boards` → board id (the y-websocket room). The reference server has no boards:
 * any room name works, so a random one is returned.
 */
/**
 * Edit tokens of the boards created here (our server refuses sockets without one, [A3]); clients
 * look them up by room. One table per bench process is enough: board ids are unique.
 */
const editTokens = new Map<string, string>()

export function boardToken(room: string): string | undefined {
  return editTokens.get(room)
}

export async function createBoard(server: ServerHandle, name: string): Promise<string> {
  if (server.kind !== 'ours' && server.kind !== 'ours-variant') return `ref-${randomUUID()}`
  const res = await fetch(`${server.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  if (res.status !== 201) throw new Error(`POST /api/boards → ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { id?: unknown; links?: { edit?: unknown } }
  if (typeof body.id !== 'string') throw new Error(`POST /api/boards returned no id: ${JSON.stringify(body)}`)
  const token = typeof body.links?.edit === 'string' ? new URL(body.links.edit).searchParams.get('token') : null
  if (!token) throw new Error(`POST /api/boards returned no edit link: ${JSON.stringify(body)}`)
  editTokens.set(body.id, token)
  return body.id
}
