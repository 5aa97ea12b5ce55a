/**
 * Starts the REAL server (`node server/dist/main.js`) once for the whole run: PORT=0 (the OS picks
 * a free port; the server logs the URL it really listens on), a fresh temporary DATA_DIR, and a
 * snapshot of the built client/dist. Waits for `GET /readyz`, then hands the URL to the tests through
 * the environment (workers inherit it) and a state file read by global teardown.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { keepServerLog, REPO_DIR, saveServerState, serverLogFile } from './serverState.js'

const START_TIMEOUT_MS = 20_000
const POLL_INTERVAL_MS = 100

function requireBuild(): void {
  const missing = [
    ['server/dist/main.js', 'npx tsc -b'],
    ['client/dist/index.html', 'pnpm --filter @overlap/client build'],
  ].filter(([file]) => !fs.existsSync(path.join(REPO_DIR, file)))
  if (missing.length > 0) {
    throw new Error(
      `e2e needs the built app; missing: ${missing.map(([f]) => f).join(', ')}.\n` +
        `Build first (from ${REPO_DIR}): ${missing.map(([, cmd]) => cmd).join(' && ')}  (or: pnpm build)`
    )
  }
}

/** Finds the `listening` JSON log line and returns its `url`, or null if not there yet. */
function findListeningUrl(logText: string): string | null {
  for (const line of logText.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { msg?: unknown; url?: unknown }
      if (entry.msg === 'listening' && typeof entry.url === 'string') return entry.url
    } catch {
      // a partial line still being written: read it on the next poll
    }
  }
  return null
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null> | T | null): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS))
  }
}

export default async function globalSetup(): Promise<void> {
  requireBuild()
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-e2e-'))
  const dataDir = path.join(runDir, 'data')
  fs.mkdirSync(dataDir)
  // Serve a snapshot of client/dist, not the directory itself: a `vite build` started during the
  // run (it empties dist first) would otherwise turn later page loads into "client not built".
  const clientDist = path.join(runDir, 'client-dist')
  fs.cpSync(path.join(REPO_DIR, 'client/dist'), clientDist, { recursive: true })
  // stdout goes straight to a file (not a pipe): the server never blocks on a full pipe, and the
  // log survives for reading when a test fails.
  const logFile = serverLogFile(runDir)
  const logFd = fs.openSync(logFile, 'w')
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIST: clientDist,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', logFd, logFd],
  })
  fs.closeSync(logFd)
  let exited: string | null = null
  child.on('exit', (code, signal) => {
    exited = `exit code ${code}, signal ${signal}`
  })
  if (child.pid === undefined) throw new Error('could not start the server process')
  const pid = child.pid
  // Last resort if teardown never runs (runner crash): do not leave the server behind.
  process.once('exit', () => {
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already stopped
    }
  })

  const failIfExited = () => {
    if (exited !== null) {
      keepServerLog(runDir)
      throw new Error(`the server exited during start-up (${exited}); its log:\n${fs.readFileSync(logFile, 'utf8')}`)
    }
  }
  const baseUrl = await waitFor('the server "listening" log line', START_TIMEOUT_MS, () => {
    failIfExited()
    return findListeningUrl(fs.readFileSync(logFile, 'utf8'))
  })
  await waitFor(`${baseUrl}/readyz`, START_TIMEOUT_MS, async () => {
    failIfExited()
    try {
      const res = await fetch(`${baseUrl}/readyz`)
      return res.ok ? true : null
    } catch {
      return null
    }
  })
  // Do not keep the runner alive for the child; teardown stops it by pid.
  child.unref()
  saveServerState({ pid, baseUrl, tempDir: runDir })
}
