import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadServerState, REPO_DIR } from '../global/serverState.js'
import { startServerProcess, type ServerProcess } from '../global/serverProcess.js'
import { createBoard } from '../fixtures/api.js'
import { expect, test } from '../fixtures/test.js'

/**
 * This test kills its server, so it starts its own (the suite's server stays up for the others):
 * same port and data dir on each restart, as a supervisor (systemd, Docker) would restart it.
 */
test('[S7] kill -9 mid-session: edits made while the server is down reach it after the restart; what was saved survives another kill -9', async ({
  actor,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-e2e-crash-'))
  const dataDir = path.join(dir, 'data')
  fs.mkdirSync(dataDir)
  const suite = loadServerState()
  const clientDist = suite ? path.join(suite.tempDir, 'client-dist') : path.join(REPO_DIR, 'client/dist')
  let starts = 0
  const start = (port: number) => startServerProcess({ port, dataDir, clientDist, logFile: path.join(dir, `server-${++starts}.log`) })
  const kill9 = async (s: ServerProcess) => {
    s.child.kill('SIGKILL')
    await s.exited()
  }
  let server = await start(0)
  try {
    const board = await createBoard(server.baseUrl, 'crash')
    const a = await actor('Ana', { baseURL: server.baseUrl })
    await a.openBoard(board.id)
    const p1 = await a.canvasPoint(0.1, 0.2)
    await a.drawRectangle(p1, { x: p1.x + 120, y: p1.y + 80 })
    await expect.poll(async () => (await a.shapes()).length).toBe(1)
    await a.waitSynced()

    await kill9(server)
    await a.waitStatus('offline')
    // Drawn while the server is down: kept in the page (and IndexedDB), counted as unsaved.
    const p2 = await a.canvasPoint(0.6, 0.5)
    await a.drawRectangle(p2, { x: p2.x + 100, y: p2.y + 100 })
    await expect.poll(async () => (await a.shapes()).length).toBe(2)
    await a.waitStatus('offline', (n) => n >= 1)

    // Back on the same port: the page reconnects by itself and sends what it kept.
    server = await start(server.port)
    await a.waitSynced()
    const drawn = (await a.shapes()).sort((x, y) => x.id.localeCompare(y.id))

    // "All changes saved" means stored: a second kill -9 right now loses none of it.
    await kill9(server)
    server = await start(server.port)
    const b = await actor('Ben', { baseURL: server.baseUrl })
    await b.openBoard(board.id)
    await expect.poll(async () => (await b.shapes()).sort((x, y) => x.id.localeCompare(y.id))).toEqual(drawn)
    expect(drawn.map((s) => s.type)).toEqual(['geo', 'geo'])
  } finally {
    // The fixture closes the actors (and checks their pages for uncaught errors) after this.
    server.child.kill('SIGTERM')
    await server.exited()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('a SIGTERM says "Server restarting" while a restart is plausible, then offline; a restart brings "All changes saved"', async ({ actor }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-e2e-restart-'))
  const dataDir = path.join(dir, 'data')
  fs.mkdirSync(dataDir)
  const suite = loadServerState()
  const clientDist = suite ? path.join(suite.tempDir, 'client-dist') : path.join(REPO_DIR, 'client/dist')
  const start = (port: number, n: number) => startServerProcess({ port, dataDir, clientDist, logFile: path.join(dir, `server-${n}.log`) })
  let server = await start(0, 1)
  try {
    const board = await createBoard(server.baseUrl, 'restart')
    const a = await actor('Ana', { baseURL: server.baseUrl })
    await a.openBoard(board.id)
    server.child.kill('SIGTERM')
    await server.exited()
    const state = a.page.getByTestId('sync-state')
    await expect(state).toContainText('Server restarting, reconnecting…')
    // Still down after the grace (SERVER_RESTART_GRACE_MS, 15 s): it is an outage, and the label says so.
    await expect(state).toContainText('Offline', { timeout: 25_000 })
    server = await start(server.port, 2)
    await a.waitSynced()
    await expect(state).toContainText('All changes saved')
  } finally {
    server.child.kill('SIGTERM')
    await server.exited()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
