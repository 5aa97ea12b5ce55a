/**
 * Starts the REAL server (`node server/dist/main.js`) as a child process and waits until it listens
 * (its `listening` log line names the URL) and is ready (`GET /readyz`). Global setup starts the
 * suite's server with it; a test that kills a server (crash.spec.ts) starts its own, on its own
 * data dir, so that no other test loses its server.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { REPO_DIR } from './serverState.js'

const START_TIMEOUT_MS = 20_000
const POLL_INTERVAL_MS = 100

export interface ServerProcessOptions {
  /** 0: the OS picks a free port. */
  port: number
  dataDir: string
  /** The built client to serve. */
  clientDist: string
  /** stdout and stderr go to this file (not a pipe: the server never blocks on a full pipe). */
  logFile: string
}

export interface ServerProcess {
  readonly child: ChildProcess
  readonly pid: number
  readonly baseUrl: string
  readonly port: number
  /** Resolves once the process has exited (at once if it already has). */
  exited(): Promise<void>
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

/** Rejects, with the server's log, if it exits before it is ready. */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const logFd = fs.openSync(opts.logFile, 'w')
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      CLIENT_DIST: opts.clientDist,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', logFd, logFd],
  })
  fs.closeSync(logFd)
  let exitedAs: string | null = null
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedAs = `exit code ${code}, signal ${signal}`
      resolve()
    })
  )
  if (child.pid === undefined) throw new Error('could not start the server process')
  const failIfExited = () => {
    if (exitedAs !== null) {
      throw new Error(`the server exited during start-up (${exitedAs}); its log:\n${fs.readFileSync(opts.logFile, 'utf8')}`)
    }
  }
  const baseUrl = await waitFor('the server "listening" log line', START_TIMEOUT_MS, () => {
    failIfExited()
    return findListeningUrl(fs.readFileSync(opts.logFile, 'utf8'))
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
  return { child, pid: child.pid, baseUrl, port: Number(new URL(baseUrl).port), exited: () => exit }
}
