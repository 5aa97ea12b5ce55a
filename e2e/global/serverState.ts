/**
 * How global setup hands the running server to the tests and to global teardown: environment
 * variables. Workers inherit the runner's environment, and setup and teardown run in the runner
 * process itself, so nothing goes through a shared file — two runs of the suite in the same
 * checkout (it happens: several people work in it) cannot stop each other's server.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const REPO_DIR = path.resolve(E2E_DIR, '..')
export const RUN_DIR = path.join(E2E_DIR, '.run')
/** A copy of the server's stdout/stderr (JSON log lines) from the last run that finished. */
export const LAST_SERVER_LOG_FILE = path.join(RUN_DIR, 'server.log')
export const BASE_URL_ENV = 'OVERLAP_E2E_BASE_URL'
const STATE_ENV = 'OVERLAP_E2E_SERVER'

export interface ServerState {
  pid: number
  baseUrl: string
  /** Temp dir holding DATA_DIR, the client snapshot and the server log; removed by teardown. */
  tempDir: string
}

export function serverLogFile(tempDir: string): string {
  return path.join(tempDir, 'server.log')
}

export function saveServerState(state: ServerState): void {
  process.env[STATE_ENV] = JSON.stringify(state)
  process.env[BASE_URL_ENV] = state.baseUrl
}

export function loadServerState(): ServerState | null {
  const text = process.env[STATE_ENV]
  if (!text) return null
  try {
    const raw: unknown = JSON.parse(text)
    if (raw === null || typeof raw !== 'object') return null
    const { pid, baseUrl, tempDir } = raw as Record<string, unknown>
    if (typeof pid !== 'number' || typeof baseUrl !== 'string' || typeof tempDir !== 'string') return null
    return { pid, baseUrl, tempDir }
  } catch {
    return null
  }
}

/** The base URL for tests (set by global setup, or by hand to test a server you started). */
export function baseUrlFromEnv(): string {
  const url = process.env[BASE_URL_ENV]
  if (!url) throw new Error(`${BASE_URL_ENV} is not set: did global setup run?`)
  return url
}

/** Keeps the server log of a finished run where a person will look for it. */
export function keepServerLog(tempDir: string): void {
  try {
    fs.mkdirSync(RUN_DIR, { recursive: true })
    fs.copyFileSync(serverLogFile(tempDir), LAST_SERVER_LOG_FILE)
  } catch {
    // no log to keep (setup failed before the server started)
  }
}
