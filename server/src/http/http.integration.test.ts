import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateBoardId } from '@overlap/shared'
import { CloseCode } from '@overlap/shared'
import { connectClient, startTestServer, tempDir, waitFor, type TestServer } from '../testing/harness.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { authedFetch } from '../testing/harness.js'
import { applyStoredDoc } from '../storage/mergeDoc.js'

let srv: TestServer
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

beforeEach(async () => {
  srv = await startTestServer({
    env: { MAX_UPLOAD_BYTES: '1000', TLDRAW_LICENSE_KEY: 'lic-</script>', PUBLIC_URL: 'https://boards.example.com' },
  })
})
afterEach(async () => {
  await srv.stop()
})

const api = (p: string, init?: RequestInit) => authedFetch(`${srv.url}${p}`, init)
const postJson = (p: string, body: string) =>
  api(p, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe('boards API', () => {
  it('[S30] creates a board: 201 { id, url } with a seeded document', async () => {
    const res = await postJson('/api/boards', JSON.stringify({ name: '  Planning  ' }))
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; url: string; links: Record<string, string> }
    // [A1] three links, each with its own 43-character token; url is the facilitator link.
    for (const role of ['facilitator', 'edit', 'view']) {
      expect(body.links[role]).toMatch(new RegExp(`^https://boards\\.example\\.com/b/${body.id}\\?token=[A-Za-z0-9_-]{43}$`))
    }
    expect(new Set(Object.values(body.links)).size).toBe(3)
    expect(body.url).toBe(body.links.facilitator)
    const meta = await api(`/api/boards/${body.id}`)
    expect(meta.status).toBe(200)
    expect(await meta.json()).toMatchObject({ id: body.id, name: 'Planning', createdAt: expect.any(Number) })
    const stored = await srv.storage.loadDoc(body.id as never)
    const doc = new Y.Doc()
    applyStoredDoc(doc, stored!)
    // Seeded by the binding's writeInitialBoard: document + first page records and the schema.
    expect(doc.getMap('board').get('schema')).toMatchObject({ schemaVersion: expect.any(Number) })
    expect([...doc.getMap('records').keys()].sort()).toEqual(['document:document', 'page:page'])
  })

  it.each([
    ['bad JSON', '{"name":'],
    ['missing name', '{}'],
    ['empty name', '{"name":"  "}'],
    ['name not a string', '{"name":42}'],
    ['array body', '[1]'],
  ])('[S30] refuses %s with 400 and a reason', async (_label, body) => {
    const res = await postJson('/api/boards', body)
    expect(res.status).toBe(400)
    const json = (await res.json()) as { error: string; message: string }
    expect(json.message.length).toBeGreaterThan(0)
  })

  it('[S1] GET of a malformed id is 400, of an unknown id 404 JSON', async () => {
    expect((await api('/api/boards/not-an-id')).status).toBe(400)
    const res = await api(`/api/boards/${generateBoardId()}`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'board_not_found' })
  })
})

describe('bodies the server cannot read', () => {
  it('[S30] an unknown charset or content encoding is 415, a body that does not decompress 400 (not a 500)', async () => {
    const post = (headers: Record<string, string>, body = '{"name":"x"}') => api('/api/boards', { method: 'POST', headers, body })
    const json = 'application/json'
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ 'content-type': `${json}; charset=bogus` }, 415, 'unsupported_media_type'],
      [{ 'content-type': json, 'content-encoding': 'bogus' }, 415, 'unsupported_media_type'],
      [{ 'content-type': json, 'content-encoding': 'gzip' }, 400, 'bad_request'],
    ]
    for (const [headers, status, error] of cases) {
      const res = await post(headers)
      expect(res.status, JSON.stringify(headers)).toBe(status)
      expect(await res.json()).toMatchObject({ error })
    }
  })
})

describe('assets API', () => {
  async function board() {
    const res = await postJson('/api/boards', '{"name":"assets"}')
    return ((await res.json()) as { id: string }).id
  }
  const upload = (id: string, body: Uint8Array, type = 'image/png') =>
    api(`/api/boards/${id}/assets`, { method: 'POST', headers: { 'content-type': type }, body: body as Uint8Array<ArrayBuffer> })

  it('[S31] stores an image and serves it with its type and a long cache', async () => {
    const id = await board()
    const res = await upload(id, PNG)
    expect(res.status).toBe(201)
    const { url } = (await res.json()) as { url: string }
    expect(url).toMatch(new RegExp(`^/api/boards/${id}/assets/[A-Za-z0-9_-]{22}$`))
    const got = await api(url)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('image/png')
    expect(got.headers.get('cache-control')).toContain('immutable')
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG)
  })

  it('[S31] serves SVG sandboxed', async () => {
    const id = await board()
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const { url } = (await (await upload(id, svg, 'image/svg+xml')).json()) as { url: string }
    const got = await api(url)
    expect(got.headers.get('content-security-policy')).toContain('sandbox')
  })

  it('[S31] an image labelled with the wrong type is stored as what it is; bytes that are no image are refused', async () => {
    const id = await board()
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    const res = await upload(id, jpeg, 'image/png')
    expect(res.status).toBe(201)
    const got = await api(((await res.json()) as { url: string }).url)
    expect(got.headers.get('content-type')).toBe('image/jpeg')
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>')
    const refused = await upload(id, html, 'image/svg+xml')
    expect(refused.status).toBe(415)
    expect(await refused.json()).toMatchObject({ error: 'not_an_image' })
    expect((await upload(id, new TextEncoder().encode('%PDF-1.7'), 'image/png')).status).toBe(415)
  })

  it('[S31] 413 too large, 415 wrong type, 404 unknown board, 400 malformed id', async () => {
    const id = await board()
    expect((await upload(id, new Uint8Array(1001))).status).toBe(413)
    expect((await upload(id, PNG, 'text/html')).status).toBe(415)
    expect((await upload(id, PNG, 'application/octet-stream')).status).toBe(415)
    expect((await upload(generateBoardId(), PNG)).status).toBe(404)
    expect((await upload('nope', PNG)).status).toBe(400)
    expect((await api(`/api/boards/${id}/assets/${generateBoardId()}`)).status).toBe(404)
  })
})

describe('unknown routes', () => {
  it('answer JSON errors like every other route (was an HTML page)', async () => {
    for (const [method, p] of [['PUT', '/healthz'], ['DELETE', '/config.js'], ['GET', '/no/such/file.txt'], ['POST', '/b/x']] as const) {
      const res = await api(p, { method })
      expect(res.status, `${method} ${p}`).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(await res.json()).toMatchObject({ error: 'not_found' })
    }
  })
})

describe('health, config and the client', () => {
  it('[S32] /healthz and /readyz', async () => {
    expect((await api('/healthz')).status).toBe(200)
    expect((await api('/readyz')).status).toBe(200)
  })

  it('[S32] /readyz is 503 when storage is gone', async () => {
    await srv.storage.close()
    expect((await api('/readyz')).status).toBe(503)
    expect((await api('/healthz')).status).toBe(200)
  })

  it('[S32] /readyz is 503 while writes fail (a full disk answers SELECT 1), and 200 once one goes through again', async () => {
    const dir = tempDir()
    const inner = createSqliteStorage({ file: path.join(dir, 'overlap.sqlite') })
    let full = false
    const diskFull = () => Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' })
    const storage: BoardStorage = {
      ...inner,
      appendUpdates: (batch) => (full ? Promise.reject(diskFull()) : inner.appendUpdates(batch)),
      appendUpdatesNow: (batch) => {
        if (full) throw diskFull()
        return inner.appendUpdatesNow!(batch)
      },
    }
    const server = await startTestServer({ dataDir: dir, storage })
    const ready = async () => {
      const res = await fetch(`${server.url}/readyz`)
      return { status: res.status, body: (await res.json()) as { error?: string } }
    }
    try {
      const id = await server.createBoard()
      const writer = connectClient(server.wsOrigin, id)
      await writer.synced()
      full = true
      writer.doc.getMap('m').set('k', 1)
      await waitFor(() => writer.closes.some((c) => c.code === CloseCode.StorageError), 'the writer closed with 4500')
      expect(await ready()).toMatchObject({ status: 503, body: { error: 'storage_writes_failing' } })
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      full = false
      // The client reconnects and sends its edit again; it is stored now.
      const ok = async () => (await ready()).status === 200
      for (let i = 0; i < 100 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 50))
      expect(await ready()).toMatchObject({ status: 200 })
      writer.destroy()
    } finally {
      await server.stop()
    }
  })

  it('[S33] /config.js hands run-time settings to the browser, not cached, script-safe', async () => {
    const res = await api('/config.js')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    expect(text).not.toContain('</script>')
    const window: { __OVERLAP_CONFIG__?: unknown } = {}
    new Function('window', text)(window)
    expect(window.__OVERLAP_CONFIG__).toEqual({
      tldrawLicenseKey: 'lic-</script>',
      publicUrl: 'https://boards.example.com',
      maxUploadBytes: 1000,
      maxMessageBytes: 8 * 1024 * 1024,
    })
  })

  it('[S33] without a built client, pages answer 503 with how to build it', async () => {
    const res = await api('/b/whatever')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('client not built: run pnpm build')
  })

  it('[S33] serves the built client with an SPA fallback', async () => {
    const dist = tempDir('overlap-dist-')
    fs.mkdirSync(path.join(dist, 'assets'))
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Overlap</title>')
    fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)')
    const other = await startTestServer({ env: { CLIENT_DIST: dist } })
    try {
      for (const p of ['/', `/b/${generateBoardId()}`]) {
        const res = await fetch(`${other.url}${p}`)
        expect(res.status).toBe(200)
        expect(await res.text()).toContain('<title>Overlap</title>')
      }
      // [S33] the page carries the settings inline, in place of its /config.js tag (one round trip less).
      fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script src="/config.js"></script><title>Overlap</title>')
      const page = await (await fetch(`${other.url}/b/${generateBoardId()}`)).text()
      expect(page).not.toContain('src="/config.js"')
      const inline = /<script>([^<]*)<\/script>/.exec(page)
      expect(inline).not.toBeNull()
      const window: { __OVERLAP_CONFIG__?: { maxUploadBytes?: unknown } } = {}
      new Function('window', inline![1]!)(window)
      expect(typeof window.__OVERLAP_CONFIG__?.maxUploadBytes).toBe('number')
      const js = await fetch(`${other.url}/assets/app-abc123.js`)
      expect(js.headers.get('cache-control')).toContain('immutable')
      expect((await fetch(`${other.url}/api/nothing`)).status).toBe(404)
    } finally {
      await other.stop()
    }
  })
})
