/**
 * Issue 3 on the server: the template catalogue, boards created already laid out from a template (read
 * back by an unmodified y-websocket client), and the brief built from the stored document.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import {
  TEMPLATES,
  checkBoardSchema,
  buildBrief,
  buildTemplateRecords,
  generateBoardId,
  getTemplate,
  readRecordsFromDoc,
  readWeb,
  writeRecordsToDoc,
  type BoardId,
  type BriefJson,
  type Template,
} from '@overlap/shared'
import { connectClient, startTestServer, tempDir, waitFor, withTimeout, type TestClient, type TestServer } from '../testing/harness.js'
import { authedFetch } from '../testing/harness.js'
import { parseConfig } from '../config.js'
import { createOverlapServer } from '../createServer.js'
import { createSqliteStorage } from '../storage/SqliteStorage.js'
import { createLogger } from '../log.js'

let srv: TestServer
const clients: TestClient[] = []
const schema = createTLSchema()

beforeEach(async () => {
  srv = await startTestServer()
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await srv.stop()
})

const api = (p: string, init?: RequestInit) => authedFetch(`${srv.url}${p}`, init)
const postBoard = (body: unknown) =>
  api('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

async function createFromTemplate(name: string, template: string): Promise<BoardId> {
  const res = await postBoard({ name, template })
  expect(res.status).toBe(201)
  const body = (await res.json()) as { id: BoardId; url: string; links: { facilitator: string } }
  expect(body.url).toBe(body.links.facilitator)
  expect(body.url.startsWith(`${srv.url}/b/${body.id}?token=`)).toBe(true)
  return body.id
}

async function syncedClient(boardId: string): Promise<TestClient> {
  const client = connectClient(srv.wsOrigin, boardId)
  clients.push(client)
  await client.synced()
  return client
}

/** Polls an async check (an HTTP read) until it holds; bounded. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A requirement card as a client's binding would write it (a note with meta.overlapCard). */
function requirementNote(text: string): TLRecord {
  const template: Template = {
    id: 'edit',
    version: 1,
    name: 'edit',
    description: '',
    practice: '',
    howToRun: { summary: '', steps: [] },
    zones: [],
    cards: [{ key: 'r', type: 'requirement', text, at: { x: 0, y: 0 }, fields: { priority: 'must' } }],
    links: [],
  }
  const note = buildTemplateRecords(template, { origin: { x: 4000, y: 0 }, idSeed: 'edit' }).find(
    (r) => r.typeName === 'shape' && r.type === 'note'
  )!
  expect(note.meta).toMatchObject({ overlapCard: 'requirement', priority: 'must' })
  // A card a person wrote, not a template's prompt ([W24]).
  const { overlapPrompt: _prompt, ...meta } = note.meta
  return { ...note, meta } as TLRecord
}

describe('[S34] template catalogue', () => {
  it('GET /api/templates lists every template in catalogue order, Problem web first', async () => {
    const res = await api('/api/templates')
    expect(res.status).toBe(200)
    const { templates } = (await res.json()) as {
      templates: { id: string; name: string; description: string; version: number; cardTypes: string[]; minutes: number; thumbnailUrl: string }[]
    }
    expect(templates.map((t) => t.id)).toEqual(TEMPLATES.map((t) => t.id))
    expect(templates[0].id).toBe('problem-web')
    for (const [i, t] of templates.entries()) {
      const source = TEMPLATES[i]
      expect(t).toMatchObject({ name: source.name, description: source.description, version: source.version })
      expect(t.minutes).toBe(source.howToRun.steps.reduce((n, s) => n + s.minutes, 0))
      expect(t.minutes).toBeGreaterThan(0)
      expect(new Set(t.cardTypes)).toEqual(new Set(source.cards.map((c) => c.type)))
      expect(t.thumbnailUrl).toBe(`/api/templates/${source.id}/thumbnail.svg`)
    }
  })

  it('serves each thumbnail as sandboxed, cacheable SVG; an unknown id is 404 JSON', async () => {
    for (const t of TEMPLATES) {
      const res = await api(`/api/templates/${t.id}/thumbnail.svg`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;/)
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('etag')).toBeTruthy()
      const svg = await res.text()
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      expect(svg).toContain('</svg>')
      expect(svg).not.toContain('<script')
    }
    const missing = await api('/api/templates/no-such-template/thumbnail.svg')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'template_not_found' })
  })
})

describe('[S35] boards created from a template', () => {
  it.each(['problem-web', 'risk-assessment'])(
    '%s: a y-websocket client reads the template’s zones, cards and links, all schema-valid',
    async (templateId) => {
      const template = getTemplate(templateId)!
      const id = await createFromTemplate(`From ${templateId}`, templateId)
      const client = await syncedClient(id)
      const records = readRecordsFromDoc(client.doc)
      for (const r of records) expect(() => (schema.types[r.typeName] as { validate(x: unknown): unknown }).validate(r)).not.toThrow()
      const web = readWeb(records)
      const expected = readWeb(buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 'x' }))
      expect(web.cards.length).toBe(template.cards.length)
      expect(web.links.length).toBe(template.links.length)
      expect(web.zones.length).toBe(expected.zones.length)
      expect(web.zones.length).toBeGreaterThan(0)
      expect(web.dangling).toEqual([])
      expect(web.cards.map((c) => [c.type, c.text, c.zoneType])).toEqual(expected.cards.map((c) => [c.type, c.text, c.zoneType]))
      expect(web.links.map((l) => l.type)).toEqual(expected.links.map((l) => l.type))
      expect(records.filter((r) => r.typeName === 'shape').every((r) => r.meta.overlapTemplate === templateId || 'overlapCard' in r.meta || 'overlapLink' in r.meta)).toBe(true)
      expect(checkBoardSchema(client.doc.getMap('board').get('schema'), schema)).toBe('same')
    }
  )

  it('an unknown template is 400 listing the valid ids; a non-string template is 400', async () => {
    const res = await postBoard({ name: 'Nope', template: 'no-such-template' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: string; message: string; validTemplates: string[] }
    expect(body.error).toBe('unknown_template')
    expect(body.message).toContain('no-such-template')
    expect(body.validTemplates).toEqual(TEMPLATES.map((t) => t.id))
    for (const template of [42, null, ['problem-web'], { id: 'problem-web' }]) {
      const bad = await postBoard({ name: 'Nope', template })
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({ error: 'invalid_template' })
    }
    // Without a template the board starts blank, as before.
    const plain = await postBoard({ name: 'Blank' })
    expect(plain.status).toBe(201)
  })

  it('a template that fails the tldraw schema is a 500 with a log line, and no board is stored', async () => {
    const lines: string[] = []
    const dataDir = tempDir()
    const config = parseConfig({ PORT: '0', DATA_DIR: dataDir, CLIENT_DIST: path.join(dataDir, 'no-client') })
    const sqlite = createSqliteStorage({ file: path.join(dataDir, 'overlap.sqlite') })
    let created = 0
    const storage = { ...sqlite, createBoard: (...args: Parameters<typeof sqlite.createBoard>) => (created++, sqlite.createBoard(...args)) }
    const problemWeb = getTemplate('problem-web')!
    const broken: Template = { ...problemWeb, id: 'broken', zones: problemWeb.zones.map((z) => ({ ...z, color: 'plaid' as never })) }
    const other = createOverlapServer({
      config,
      storage,
      log: createLogger({ level: 'error', write: (l) => lines.push(l) }),
      templates: [problemWeb, broken],
    })
    const { url } = await other.listen()
    try {
      const res = await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Broken', template: 'broken' }),
      })
      expect(res.status).toBe(500)
      expect(await res.json()).toMatchObject({ error: 'template_invalid' })
      expect(created).toBe(0)
      const line = JSON.parse(lines.find((l) => l.includes('template'))!) as { msg: string; templateId: string; err: { message: string } }
      expect(line.msg).toContain('failed validation')
      expect(line.templateId).toBe('broken')
      expect(line.err.message).toMatch(/shape:.*color/)
      // The valid template of the same server still works.
      const ok = await fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Fine', template: 'problem-web' }),
      })
      expect(ok.status).toBe(201)
      expect(created).toBe(1)
    } finally {
      await other.close()
      await storage.close()
    }
  })
})

describe('[S36] the brief, from the stored document', () => {
  it('includes a client’s edit and equals buildBrief on the client’s doc, live room or unloaded', async () => {
    const id = await createFromTemplate('Checkout redesign', 'problem-web')
    const client = await syncedClient(id)
    writeRecordsToDoc(client.doc, [requirementNote('Export the brief as Markdown')])

    const generatedAt = new Date(srv.clock.now()).toISOString()
    const expected = () => buildBrief(readRecordsFromDoc(client.doc), { boardName: 'Checkout redesign', generatedAt })
    expect(expected().markdown).toContain('Export the brief as Markdown')

    // The server's brief catches up once the update is stored (the client's edit is asynchronous).
    await eventually(async () => (await (await api(`/api/boards/${id}/brief.md`)).text()) === expected().markdown, 'the brief to contain the edit')
    expect(srv.overlap.rooms.loadedDoc(id)).not.toBeNull()

    const md = await api(`/api/boards/${id}/brief.md`)
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    expect(md.headers.get('content-disposition')).toBeNull()
    const json = await api(`/api/boards/${id}/brief.json`)
    expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    const briefJson = (await json.json()) as BriefJson
    expect(briefJson).toEqual(expected().json)
    expect(briefJson.generatedAt).toBe(generatedAt)
    expect(briefJson.cards.some((c) => c.type === 'requirement' && c.text === 'Export the brief as Markdown' && c.fields.priority === 'must')).toBe(true)

    const download = await api(`/api/boards/${id}/brief.md?download=1`)
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="checkout-redesign-brief.md"')
    expect(await download.text()).toBe(expected().markdown)

    // Room unloaded: the brief is read from storage, and reading it does not load a room.
    const recordsBefore = readRecordsFromDoc(client.doc)
    client.destroy()
    clients.splice(clients.indexOf(client), 1)
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'the room to unload')
    const fromStorage = await api(`/api/boards/${id}/brief.md`)
    expect(await fromStorage.text()).toBe(buildBrief(recordsBefore, { boardName: 'Checkout redesign', generatedAt }).markdown)
    expect(srv.overlap.rooms.roomCount()).toBe(0)
  })

  it('uses the injected clock for generatedAt', async () => {
    const id = await createFromTemplate('Clocked', 'problem-web')
    const first = (await (await api(`/api/boards/${id}/brief.json`)).json()) as BriefJson
    srv.clock.tick(90_000)
    const second = (await (await api(`/api/boards/${id}/brief.json`)).json()) as BriefJson
    expect(Date.parse(second.generatedAt) - Date.parse(first.generatedAt)).toBe(90_000)
    expect(second.generatedAt).toBe(new Date(srv.clock.now()).toISOString())
  })

  it('[W24] of a template board as created lists none of the template’s prompts, counts them, and has no open findings', async () => {
    const id = await createFromTemplate('Fresh', 'problem-web')
    const brief = (await (await api(`/api/boards/${id}/brief.json`)).json()) as BriefJson
    expect(brief.cards).toEqual([])
    expect(brief.links).toEqual([])
    expect(brief.unansweredPrompts).toBe(getTemplate('problem-web')!.cards.length)
    expect(brief.findings).toEqual([])
  })

  it('a malformed id is 400, an unknown board 404, on both formats', async () => {
    for (const ext of ['md', 'json']) {
      const bad = await api(`/api/boards/not-an-id/brief.${ext}`)
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({ error: 'invalid_board_id' })
      const unknown = await api(`/api/boards/${generateBoardId()}/brief.${ext}`)
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toMatchObject({ error: 'board_not_found' })
    }
    expect(srv.overlap.rooms.roomCount()).toBe(0)
  })

  it('a blank board has an empty brief', async () => {
    const id = await srv.createBoard('Blank')
    const res = await withTimeout(api(`/api/boards/${id}/brief.md`), 5000, 'brief')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('from 0 cards and 0 links')
  })
})
