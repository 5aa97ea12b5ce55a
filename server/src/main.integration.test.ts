/**
 * The real entry point as a child process: `node server/dist/main.js` (built here with `tsc -b`,
 * so the test also works before `pnpm build`). kill -9 mid-burst, SIGTERM, bad configuration.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@overlap/shared'
import { connectClient, rawSocket, rememberLinks, tempDir, tokensFor, waitFor, withTimeout, type TestClient } from './testing/harness.js'
import { encodeSyncStep1, encodeUpdate } from './rooms/messages.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const mainJs = path.join(repoRoot, 'server/dist/main.js')

beforeAll(() => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-b', 'server'], { cwd: repoRoot, stdio: 'inherit' })
}, 120_000)

interface Child {
  proc: ChildProcess
  url: string
  wsOrigin: string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stderr: string[]
}

const children: ChildProcess[] = []
const clients: TestClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
  for (const p of children.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL')
})

function exitOf(proc: ChildProcess) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal }))
  )
}

async function spawnServer(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, [mainJs], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(proc)
  const exited = exitOf(proc)
  const stderr: string[] = []
  proc.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()))
  const lines = readline.createInterface({ input: proc.stdout! })
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string; url?: string }
        if (entry.msg === 'listening') resolve(entry.url!)
      })
      void exited.then(() => reject(new Error(`server exited early: ${stderr.join('')}`)))
    }),
    15_000,
    'server to listen'
  )
  return { proc, url, wsOrigin: url.replace(/^http/, 'ws'), exited, stderr }
}

async function createBoard(url: string): Promise<string> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"name":"crash test"}',
  })
  const body = (await res.json()) as { id: string }
  rememberLinks(body)
  return body.id
}

describe('the server process', () => {
  it('[S7] kill -9 during a burst of edits loses nothing any client saw', async () => {
    const dataDir = tempDir()
    const first = await spawnServer({ DATA_DIR: dataDir })
    const boardId = await createBoard(first.url)

    const a = connectClient(first.wsOrigin, boardId)
    const b = connectClient(first.wsOrigin, boardId)
    clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])

    // A raw writer whose echoes we match byte for byte.
    const raw = rawSocket(`${first.wsOrigin}/sync/${boardId}`)
    await raw.opened
    raw.ws.send(encodeSyncStep1(new Y.Doc()))
    const rawDoc = new Y.Doc()
    const pendingEcho = new Map<string, string>()
    const echoed = new Set<string>()
    raw.ws.on('message', (data: Buffer) => {
      const key = pendingEcho.get(data.toString('base64'))
      if (key) echoed.add(key)
    })

    const seenByB = (): string[] => [...b.doc.getMap('records').keys()].filter((k) => k.startsWith('a:'))
    let killed = false
    let sentByA = 0
    let sentByRaw = 0
    const burst = (async () => {
      for (let i = 0; i < 20_000 && !killed; i++) {
        a.doc.getMap('records').set(`a:${i}`, { x: i, note: 'burst' })
        sentByA++
        rawDoc.once('update', (u: Uint8Array) => {
          pendingEcho.set(Buffer.from(encodeUpdate(u)).toString('base64'), `raw:${i}`)
          if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(encodeUpdate(u))
        })
        rawDoc.getMap('records').set(`raw:${i}`, i)
        sentByRaw++
        if (i % 20 === 0) await new Promise((r) => setImmediate(r))
      }
    })()

    await waitFor(() => seenByB().length >= 500, 'b to see 500 of a’s edits', 30_000)
    first.proc.kill('SIGKILL')
    // Stop the clients at once: a reconnecting client would re-upload its edits and hide a loss.
    a.provider.shouldConnect = false
    b.provider.shouldConnect = false
    expect((await first.exited).signal).toBe('SIGKILL')
    // The burst goes on until the process is gone, so the kill lands mid-burst (stopping it just
    // before the kill let b catch up with every edit now and then, and the check below failed).
    killed = true
    await burst
    const sawA = seenByB()
    const sawRaw = [...echoed]
    expect(sentByA).toBeGreaterThan(sawA.length) // the kill landed mid-burst
    expect(sawRaw.length).toBeGreaterThan(0)

    const second = await spawnServer({ DATA_DIR: dataDir })
    const c = connectClient(second.wsOrigin, boardId)
    clients.push(c)
    await c.synced()
    const records = c.doc.getMap('records')
    const missing = [...sawA, ...sawRaw].filter((k) => !records.has(k))
    console.log(
      `[S7] kill -9: a sent ${sentByA}, b saw ${sawA.length}; raw sent ${sentByRaw}, ${sawRaw.length} echoed; ` +
        `after restart ${records.size} records, ${missing.length} missing`
    )
    expect(missing).toEqual([])
    second.proc.kill('SIGTERM')
    await second.exited
  })

  it('[WS6] ballots of an open vote survive kill -9; the vote ends with them', async () => {
    const dataDir = tempDir()
    const first = await spawnServer({ DATA_DIR: dataDir })
    const boardId = await createBoard(first.url)
    const t = tokensFor(boardId)
    const post = (url: string, p: string, body: unknown, token: string) =>
      fetch(`${url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
    const started = await post(first.url, `/api/boards/${boardId}/workshop`, {
      type: 'vote.start',
      cardIds: ['shape:a', 'shape:b'],
      scopeLabel: 'All cards',
      config: { votesPerPerson: 3, onePerCard: false, anonymous: true },
    }, t.facilitator)
    expect(started.status).toBe(200)
    const voteId = ((await started.json()) as { workshop: { vote: { id: string } } }).workshop.vote.id
    const ballots = `/api/boards/${boardId}/votes/${voteId}/ballots`
    for (const cardId of ['shape:a', 'shape:a', 'shape:b']) {
      expect((await post(first.url, ballots, { voterKey: 'v1-secret-voter-key-0123456789', name: 'V', side: 'product', cardId, delta: 1 }, t.edit)).status).toBe(200)
    }
    // Every 200 above was durable: kill at once, no graceful shutdown.
    first.proc.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')

    const second = await spawnServer({ DATA_DIR: dataDir })
    const mine = await fetch(`${second.url}${ballots}?voterKey=v1-secret-voter-key-0123456789&token=${t.edit}`)
    expect(await mine.json()).toEqual({ voteId, mine: { 'shape:a': 2, 'shape:b': 1 }, left: 0 })
    const ended = await post(second.url, `/api/boards/${boardId}/workshop`, { type: 'vote.end' }, t.facilitator)
    const results = ((await ended.json()) as { workshop: { vote: { results: Array<{ cardId: string; total: number }> } } }).workshop.vote.results
    expect(results.map((r) => [r.cardId, r.total])).toEqual([['shape:a', 2], ['shape:b', 1]])
    second.proc.kill('SIGTERM')
    await second.exited
  })

  it('[S12] SIGTERM closes sockets with 1012, stores everything, exits 0', async () => {
    const dataDir = tempDir()
    const server = await spawnServer({ DATA_DIR: dataDir })
    const boardId = await createBoard(server.url)
    const a = connectClient(server.wsOrigin, boardId)
    clients.push(a)
    await a.synced()
    a.doc.getMap('records').set('before-sigterm', true)
    const raw = rawSocket(`${server.wsOrigin}/sync/${boardId}`)
    await raw.opened
    raw.ws.send(encodeSyncStep1(new Y.Doc()))
    // Wait until the edit is stored: it reaches the raw socket in its step 2 or as a relayed update.
    await waitFor(() => raw.frames.some((f) => Buffer.from(f).includes('before-sigterm')), 'the edit to reach the raw socket')
    server.proc.kill('SIGTERM')
    expect(await withTimeout(raw.closed, 10_000, 'close')).toEqual({
      code: CloseCode.ServerRestarting,
      reason: 'server restarting',
    })
    await waitFor(() => a.closes.some((c) => c.code === CloseCode.ServerRestarting), 'client sees 1012')
    a.provider.shouldConnect = false
    expect(await server.exited).toEqual({ code: 0, signal: null })

    const again = await spawnServer({ DATA_DIR: dataDir })
    const c = connectClient(again.wsOrigin, boardId)
    clients.push(c)
    await c.synced()
    await waitFor(() => c.doc.getMap('records').get('before-sigterm') === true, 'edit kept')
    again.proc.kill('SIGTERM')
    await again.exited
  })

  it('a port already in use exits 1 saying so and naming PORT; the server already there carries on', async () => {
    const first = await spawnServer({ DATA_DIR: tempDir() })
    const port = new URL(first.url).port
    const proc = spawn(process.execPath, [mainJs], {
      env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: tempDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(proc)
    let stderr = ''
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    expect((await exitOf(proc)).code).toBe(1)
    expect(stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`)
    expect(stderr).toContain('set PORT')
    expect(stderr).not.toContain('    at ') // a message, not a stack trace
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
  })

  it.each([
    ['HOST that does not resolve', { HOST: 'not-a-host.invalid' }, 'HOST is not a name this machine can resolve'],
    ['DATA_DIR that is a file', { DATA_DIR: '/etc/hostname' }, 'DATA_DIR="/etc/hostname": /etc/hostname is not a directory'],
  ])('a %s exits 1 with a message naming it, not a stack trace', async (_what, env, message) => {
    const proc = spawn(process.execPath, [mainJs], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(proc)
    let stderr = ''
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    expect((await exitOf(proc)).code).toBe(1)
    expect(stderr).toContain(message)
    expect(stderr).not.toContain('    at ')
  })

  it('a bad configuration exits 1 naming every bad variable', async () => {
    const proc = spawn(process.execPath, [mainJs], {
      env: { ...process.env, PORT: 'eighty', STORAGE: 'floppy' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(proc)
    let stderr = ''
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    expect((await exitOf(proc)).code).toBe(1)
    expect(stderr).toContain('PORT="eighty"')
    expect(stderr).toContain('STORAGE="floppy"')
  })
})
