/**
 * Where global setup leaves the running server's details for the tests and for global teardown.
 * Playwright runs setup, workers and teardown in different processes (or module instances), so
 * the hand-over goes through the environment (inherited by workers) and a small JSON file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const REPO_DIR = path.resolve(E2E_DIR, '..')
export const RUN_DIR = path.join(E2E_DIR, '.run')
export const STATE_FILE = path.join(RUN_DIR, 'server.json')
/** The server's stdout/stderr (JSON log lines) of the last run, kept for post-mortems. */
export const SERVER_LOG_FILE = path.join(RUN_DIR, 'server.log')
export const BASE_URL_ENV = 'OVERLAP_E2E_BASE_URL'

export interface ServerState {
  pid: number
  baseUrl: string
  /** Temp dir holding DATA_DIR and the client snapshot; removed by teardown. */
  tempDir: string
}

export function writeServerState(state: ServerState): void {
  fs.mkdirSync(RUN_DIR, { recursive: true })
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2))
}

export function readServerState(): ServerState | null {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'))
    if (raw === null || typeof raw !== 'object') return null
    const { pid, baseUrl, tempDir } = raw as Record<string, unknown>
    if (typeof pid !== 'number' || typeof baseUrl !== 'string' || typeof tempDir !== 'string') return null
    return { pid, baseUrl, tempDir }
  } catch {
    return null
  }
}

/** The base URL for tests: the env var set by global setup (or by hand, to test a running server). */
export function baseUrlFromEnv(): string {
  const url = process.env[BASE_URL_ENV] ?? readServerState()?.baseUrl
  if (!url) throw new Error(`${BASE_URL_ENV} is not set: did global setup run?`)
  return url
}
