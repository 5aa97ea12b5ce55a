/**
 * Roles and links ([A1]–[A8], shared/SPEC.md) against a real server (port 0, SQLite in a temp dir)
 * with unmodified y-websocket 3.1 clients and raw sockets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import { CloseCode, generateBoardId, type BoardId, type Role } from '@overlap/shared'
import {
  connectClient,
  rawSocket,
  readStoredDoc,
  startTestServer,
  tokenOf,
  tokensFor,
  waitFor,
  withTimeout,
  type TestClient,
  type TestServer,
} from '../testing/harness.js'
import { encodeAwareness, encodeSyncStep1, encodeUpdate, VIEW_ONLY_REASON } from '../rooms/messages.js'

let srv: TestServer
let clients: TestClient[]
let boardId: BoardId
let tokens: Record<Role, string>

const client = (token: string | null, id: string = boardId) => {
  const c = connectClient(srv.wsOrigin, id, new Y.Doc(), token)
  clients.push(c)
  return c
}
const api = (p: string, init?: RequestInit) => fetch(`${srv.url}${p}`, init)
const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
})
const closedWith = async (url: string) => (await withTimeout(rawSocket(url).closed, 5000, `close of ${url}`)).code

/** A raw socket's auth "permission denied" frames, decoded to their reason. */
const deniedReasons = (frames: Uint8Array[]) =>
  frames
    .filter((f) => f[0] === 2)
    .map((f) => {
      const d = decoding.createDecoder(f)
      decoding.readVarUint(d)
      expect(decoding.readVarUint(d)).toBe(0)
      return decoding.readVarString(d)
    })

beforeEach(async () => {
  srv = await startTestServer()
  clients = []
  boardId = await srv.createBoard()
  tokens = tokensFor(boardId)
})
afterEach(async () => {
  for (const c of clients) c.destroy()
  await srv.stop()
})

describe('[A3] the role is decided at the upgrade', () => {
  it('[A3] a missing token closes with 4401', async () => {
    expect(await closedWith(`${srv.wsOrigin}/sync/${boardId}?token=`)).toBe(CloseCode.Unauthorized)
    const c = client(null)
    await waitFor(() => c.closes.length > 0, 'the y-websocket client to be closed')
    expect(c.closes[0]!.code).toBe(CloseCode.Unauthorized)
    expect(srv.overlap.rooms.roomCount()).toBe(0)
  })

  it('[A3] a wrong or malformed token closes with 4401; an unknown board stays 4404', async () => {
    const wrong = 'A'.repeat(43)
    expect(await closedWith(`${srv.wsOrigin}/sync/${boardId}?token=${wrong}`)).toBe(CloseCode.Unauthorized)
    expect(await closedWith(`${srv.wsOrigin}/sync/${boardId}?token=short`)).toBe(CloseCode.Unauthorized)
    // Another board's valid token does not open this one.
    const other = await srv.createBoard('other')
    expect(await closedWith(`${srv.wsOrigin}/sync/${boardId}?token=${tokensFor(other).facilitator}`)).toBe(CloseCode.Unauthorized)
    expect(await closedWith(`${srv.wsOrigin}/sync/${generateBoardId()}?token=${tokens.edit}`)).toBe(CloseCode.NotFound)
    expect(srv.overlap.rooms.connectionCount()).toBe(0)
  })

  it('[A3] a token given twice is refused with 4401, even when both are valid (as over HTTP)', async () => {
    const url = `${srv.wsOrigin}/sync/${boardId}?token=${tokens.edit}&token=${tokens.edit}`
    expect(await closedWith(url)).toBe(CloseCode.Unauthorized)
    expect((await api(`/api/boards/${boardId}?token=${tokens.edit}&token=${tokens.edit}`)).status).toBe(401)
  })

  it('[A3] each of the three tokens opens the board', async () => {
    for (const role of ['facilitator', 'edit', 'view'] as const) {
      const c = client(tokens[role])
      await c.synced()
      expect(c.doc.getMap('board').get('schema')).toBeDefined()
    }
  })
})

describe('[A5] viewers cannot write', () => {
  it('[A5] a viewer client’s writes are never applied, relayed or stored; it keeps receiving edits', async () => {
    const editor = client(tokens.edit)
    const viewer = client(tokens.view)
    await Promise.all([editor.synced(), viewer.synced()])
    viewer.doc.getMap('records').set('shape:evil', { x: 1 })
    editor.doc.getMap('records').set('shape:good', { x: 2 })
    await waitFor(() => viewer.doc.getMap('records').has('shape:good'), 'the viewer to receive the edit')
    // The editor's own echo is back, so everything the server relays before it has arrived too.
    await waitFor(() => srv.overlap.rooms.loadedDoc(boardId)?.getMap('records').has('shape:good') === true, 'stored edit')
    expect(editor.doc.getMap('records').has('shape:evil')).toBe(false)
    expect(srv.overlap.rooms.loadedDoc(boardId)!.getMap('records').has('shape:evil')).toBe(false)
    // The viewer stays connected.
    expect(viewer.closes).toEqual([])
    expect(viewer.provider.wsconnected).toBe(true)

    // After a restart, storage has the editor's change and not the viewer's.
    for (const c of clients.splice(0)) c.destroy()
    await srv.stop()
    const doc = await readStoredDoc(srv.dataDir, boardId)
    expect(doc.getMap('records').has('shape:good')).toBe(true)
    expect(doc.getMap('records').has('shape:evil')).toBe(false)
    srv = await startTestServer({ dataDir: srv.dataDir })
  })

  it('[A5] raw update and step-2 frames from a viewer are dropped with one permission-denied; awareness is relayed', async () => {
    const editor = client(tokens.edit)
    await editor.synced()
    const raw = rawSocket(`${srv.wsOrigin}/sync/${boardId}?token=${tokens.view}`)
    await raw.opened
    const evil = new Y.Doc()
    evil.getMap('records').set('shape:evil', 1)
    const update = Y.encodeStateAsUpdate(evil)
    raw.ws.send(encodeUpdate(update))
    // Sync step 2 carrying the same write.
    const step2 = new Uint8Array([0, 1, ...encodeUpdate(update).slice(2)])
    raw.ws.send(step2)
    // Awareness of a viewer (its cursor) is still relayed.
    const aw = new awarenessProtocol.Awareness(new Y.Doc())
    aw.setLocalState({ user: { name: 'viewer' } })
    raw.ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID])))
    await waitFor(() => editor.provider.awareness.getStates().has(aw.clientID), 'the viewer’s awareness to reach the editor')
    await waitFor(() => deniedReasons(raw.frames).length > 0, 'permission denied')
    // A step 1 round trip proves both writes were handled before we look.
    raw.ws.send(encodeSyncStep1(new Y.Doc()))
    await waitFor(() => raw.frames.some((f) => f[0] === 0 && f[1] === 1), 'step 2 answer')
    expect(deniedReasons(raw.frames)).toEqual([VIEW_ONLY_REASON])
    expect(editor.doc.getMap('records').has('shape:evil')).toBe(false)
    expect(srv.overlap.rooms.loadedDoc(boardId)!.getMap('records').has('shape:evil')).toBe(false)
    expect((await srv.storage.loadDoc(boardId))!.updates).toEqual([])
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    aw.destroy()
    raw.ws.close()
  })
})

describe('[A6] rotating a link', () => {
  it('[A6] closes the old token’s live sockets with 4401 at once, refuses it afterwards; the new link works', async () => {
    const editor = client(tokens.edit)
    const viewer = client(tokens.view)
    const facilitator = client(tokens.facilitator)
    await Promise.all([editor.synced(), viewer.synced(), facilitator.synced()])
    const res = await api(`/api/boards/${boardId}/links/edit/rotate`, bearer(tokens.facilitator, { method: 'POST' }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { role: string; link: string }
    expect(body.role).toBe('edit')
    const fresh = tokenOf(body.link)
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fresh).not.toBe(tokens.edit)
    await waitFor(() => editor.closes.some((c) => c.code === CloseCode.Unauthorized), 'the old edit socket to close 4401')
    // Other roles stay connected.
    expect(viewer.closes).toEqual([])
    expect(facilitator.closes).toEqual([])
    expect(await closedWith(`${srv.wsOrigin}/sync/${boardId}?token=${tokens.edit}`)).toBe(CloseCode.Unauthorized)
    expect((await api(`/api/boards/${boardId}?token=${tokens.edit}`)).status).toBe(401)
    const again = client(fresh)
    await again.synced()
    expect((await api(`/api/boards/${boardId}?token=${fresh}`)).status).toBe(200)
  })

  it('[A6] only the facilitator may rotate (403 for edit/view, 401 without a token); a bad role is 400', async () => {
    const rotate = (role: string, init: RequestInit) => api(`/api/boards/${boardId}/links/${role}/rotate`, { method: 'POST', ...init })
    const refused = await rotate('view', bearer(tokens.edit))
    expect(refused.status).toBe(403)
    // The refusal says which link would do.
    expect(await refused.json()).toEqual({ error: 'forbidden', message: 'this needs the facilitator link; this is an edit link' })
    expect((await rotate('view', bearer(tokens.view))).status).toBe(403)
    expect((await rotate('view', {})).status).toBe(401)
    expect((await rotate('owner', bearer(tokens.facilitator))).status).toBe(400)
    // ?token= works as well as the header.
    const ok = await api(`/api/boards/${boardId}/links/view/rotate?token=${tokens.facilitator}`, { method: 'POST' })
    expect(ok.status).toBe(200)
    expect((await api(`/api/boards/${boardId}?token=${tokens.view}`)).status).toBe(401)
  })
})

describe('[A7] HTTP routes of a board need a token of a suitable role', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

  it.each([
    ['GET', '/'],
    ['GET', '/brief.md'],
    ['GET', '/brief.json'],
    ['GET', '/snapshots'],
    ['GET', '/snapshot'],
    ['POST', '/snapshots'],
    ['POST', '/assets'],
  ])('[A7] %s %s: 401 without a token or with a wrong one', async (method, suffix) => {
    const p = `/api/boards/${boardId}${suffix === '/' ? '' : suffix}`
    expect((await api(p, { method })).status).toBe(401)
    expect((await api(p, bearer('B'.repeat(43), { method }))).status).toBe(401)
    expect((await api(`${p}?token=nope`, { method })).status).toBe(401)
  })

  it('[A7] a viewer reads (meta with its role, brief, snapshots) but may not upload, snapshot or restore (403)', async () => {
    const meta = await api(`/api/boards/${boardId}`, bearer(tokens.view))
    expect(meta.status).toBe(200)
    expect(await meta.json()).toMatchObject({ id: boardId, role: 'view' })
    expect((await api(`/api/boards/${boardId}/brief.md`, bearer(tokens.view))).status).toBe(200)
    expect((await api(`/api/boards/${boardId}/snapshots?token=${tokens.view}`)).status).toBe(200)
    const json = { 'content-type': 'application/json' }
    expect((await api(`/api/boards/${boardId}/snapshots`, bearer(tokens.view, { method: 'POST', headers: json, body: '{"name":"v"}' }))).status).toBe(403)
    expect((await api(`/api/boards/${boardId}/assets`, bearer(tokens.view, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png }))).status).toBe(403)
    // An editor may: snapshot, restore, upload.
    const snap = await api(`/api/boards/${boardId}/snapshots`, bearer(tokens.edit, { method: 'POST', headers: json, body: '{"name":"e"}' }))
    expect(snap.status).toBe(201)
    const { id: sid } = (await snap.json()) as { id: string }
    expect((await api(`/api/boards/${boardId}/snapshots/${sid}/restore`, bearer(tokens.view, { method: 'POST' }))).status).toBe(403)
    expect((await api(`/api/boards/${boardId}/snapshots/${sid}/restore`, bearer(tokens.edit, { method: 'POST' }))).status).toBe(200)
    const up = await api(`/api/boards/${boardId}/assets`, bearer(tokens.edit, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png }))
    expect(up.status).toBe(201)
    // Asset GETs are capability URLs: served without a token ([A7], tldraw uses them as <img src>).
    const { url } = (await up.json()) as { url: string }
    expect((await api(url)).status).toBe(200)
    expect(await (await api(`/api/boards/${boardId}`, bearer(tokens.edit))).json()).toMatchObject({ role: 'edit' })
  })

  it('[A7] the gate reads paths as the router does: other letter cases and trailing slashes are checked too', async () => {
    const json = { 'content-type': 'application/json' }
    const noToken: Array<[string, string]> = [
      ['GET', `/API/boards/${boardId}`],
      ['GET', `/api/Boards/${boardId}/snapshot`],
      ['GET', `/Api/boards/${boardId}/brief.json`],
      ['GET', `/api/boards/${boardId}/`],
      ['POST', `/API/boards/${boardId}/links/facilitator/rotate`],
      ['POST', `/Api/boards/${boardId}/snapshots`],
      ['POST', `/Api/boards/${boardId}/assets`],
    ]
    for (const [method, p] of noToken) expect((await api(p, { method, headers: json, body: method === 'POST' ? '{}' : undefined })).status, `${method} ${p}`).toBe(401)
    const tooWeak: Array<[string, string, string]> = [
      ['POST', `/api/boards/${boardId}/Links/edit/rotate`, tokens.edit],
      ['POST', `/api/boards/${boardId}/LINKS/view/rotate/`, tokens.edit],
      ['POST', `/api/boards/${boardId}/workshop/`, tokens.edit],
      ['POST', `/api/boards/${boardId}/WORKSHOP`, tokens.edit],
      ['GET', `/api/boards/${boardId}/Votes/x/ballots`, tokens.view],
      ['POST', `/api/boards/${boardId}/snapshots/`, tokens.view],
    ]
    for (const [method, p, token] of tooWeak) {
      expect((await api(p, bearer(token, { method, headers: json, body: method === 'POST' ? '{}' : undefined }))).status, `${method} ${p}`).toBe(403)
    }
    // Nothing was rotated: the facilitator's link still works.
    expect((await api(`/api/boards/${boardId}`, bearer(tokens.facilitator))).status).toBe(200)
  })

  it('[A7] an unknown board is 404 and a malformed id 400, with or without a token; open routes stay open', async () => {
    expect((await api(`/api/boards/${generateBoardId()}`)).status).toBe(404)
    expect((await api(`/api/boards/${generateBoardId()}`, bearer(tokens.facilitator))).status).toBe(404)
    expect((await api(`/api/boards/not-an-id`)).status).toBe(400)
    for (const p of ['/api/templates', '/healthz', '/readyz', '/config.js']) expect((await api(p)).status).toBe(200)
  })

  it('[A7] a preflight (OPTIONS) needs no token, answers the allowed methods and reads nothing', async () => {
    const res = await api(`/api/boards/${boardId}/snapshots`, { method: 'OPTIONS' })
    expect(res.status).toBe(200)
    expect(res.headers.get('allow')?.split(',').map((m) => m.trim()).sort()).toEqual(['GET', 'HEAD', 'POST'])
    expect(await res.text()).not.toContain(boardId)
  })
})

describe('[A6] rotation races', () => {
  it('[A6] a token authorized before a rotation cannot join after it', async () => {
    const { access } = srv.overlap
    const decision = await access.authorize(boardId, tokens.edit)
    expect(decision.kind).toBe('granted')
    if (decision.kind !== 'granted') return
    expect(access.isCurrent(boardId, 'edit', decision.tokenHash)).toBe(true)
    await access.rotate(boardId, 'edit')
    expect(access.isCurrent(boardId, 'edit', decision.tokenHash)).toBe(false)
    expect(access.isCurrent(boardId, 'view', 'anything')).toBe(true)
  })
})
