/**
 * Server configuration, parsed once from the environment at start-up.
 *
 * Every variable is checked before anything starts; all bad ones are reported together in one
 * `ConfigError` so an operator fixes them in one go instead of one restart per typo.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from '@overlap/shared'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type StorageKind = 'sqlite' | 'memory'

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /**
   * Absolute URL without trailing slash, e.g. `http://192.168.1.20:8787`; null = not set, the
   * server uses `http://HOST:<the port it actually listens on>` (so PORT=0 gives usable links).
   */
  publicUrl: string | null
  logLevel: LogLevel
  tldrawLicenseKey: string | null
  maxMessageBytes: number
  maxUploadBytes: number
  storage: StorageKind
  /**
   * When an update counts as saved (SqliteStorage.ts). Both relay it once committed (it survives
   * kill -9). FULL (default): the author's echo waits for an fdatasync of the WAL (power-safe).
   * NORMAL: no update waits for a flush; a background flush follows within 200 ms, so a power cut
   * may lose the last 200 ms.
   */
  sqliteSynchronous: 'FULL' | 'NORMAL'
  /**
   * FULL only (createServer.ts passes 0 otherwise): how long the disk flush of an update that others
   * are shown waits after the relay (ms; 0 = at once). Delays only the author's "saved"; see
   * commitQueue.ts `syncAfterRelayMs`.
   */
  syncAfterRelayMs: number
  /** Offer permessage-deflate on sockets (`WS_DEFLATE=on`; off by default, see syncEndpoint.ts). */
  wsDeflate: boolean
  clientDist: string
}

/** A human never sees "saved" 5 ms later; the readers' side gets the relay's burst to itself. */
export const DEFAULT_SYNC_AFTER_RELAY_MS = 5

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** `<repo>/client/dist`, found relative to this file (works from `src/` under vitest and from `dist/`). */
export const DEFAULT_CLIENT_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../client/dist'
)

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']
const STORAGE_KINDS: readonly StorageKind[] = ['sqlite', 'memory']

type Env = Readonly<Record<string, string | undefined>>

export function parseConfig(env: Env, cwd: string = process.cwd()): ServerConfig {
  const problems: string[] = []
  const get = (name: string): string | undefined => {
    const v = env[name]
    return v === undefined || v.trim() === '' ? undefined : v.trim()
  }

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name)
    if (raw === undefined) return fallback
    if (!/^\d+$/.test(raw)) {
      problems.push(`${name}="${raw}" must be a whole number between ${min} and ${max}`)
      return fallback
    }
    const n = Number(raw)
    if (n < min || n > max) {
      problems.push(`${name}=${raw} must be between ${min} and ${max}`)
      return fallback
    }
    return n
  }

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = get(name)
    if (raw === undefined) return fallback
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}="${raw}" must be one of ${allowed.join(', ')}`)
      return fallback
    }
    return raw as T
  }

  const port = int('PORT', 8787, 0, 65535)
  const host = get('HOST') ?? '127.0.0.1'
  const dataDir = path.resolve(cwd, get('DATA_DIR') ?? './data')
  const logLevel = oneOf('LOG_LEVEL', LOG_LEVELS, 'info')
  const storage = oneOf('STORAGE', STORAGE_KINDS, 'sqlite')
  const sqliteSynchronous = oneOf('SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL')
  const syncAfterRelayMs = int('SYNC_AFTER_RELAY_MS', DEFAULT_SYNC_AFTER_RELAY_MS, 0, 1000)
  const wsDeflate = oneOf('WS_DEFLATE', ['on', 'off'] as const, 'off') === 'on'
  // 1 KiB minimum: a y-websocket handshake with a small doc must always fit.
  const maxMessageBytes = int('MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1024, 1024 ** 3)
  const maxUploadBytes = int('MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES, 1, 1024 ** 3)
  const clientDist = path.resolve(cwd, get('CLIENT_DIST') ?? DEFAULT_CLIENT_DIST)
  const tldrawLicenseKey = get('TLDRAW_LICENSE_KEY') ?? null

  let publicUrl: string | null = null
  const rawPublicUrl = get('PUBLIC_URL')
  if (rawPublicUrl !== undefined) {
    const parsed = parsePublicUrl(rawPublicUrl)
    if (parsed === null) {
      problems.push(
        `PUBLIC_URL="${rawPublicUrl}" must be an absolute http:// or https:// URL without query or fragment`
      )
    } else publicUrl = parsed
  }

  if (problems.length > 0) throw new ConfigError(problems)
  return {
    port,
    host,
    dataDir,
    publicUrl,
    logLevel,
    tldrawLicenseKey,
    maxMessageBytes,
    maxUploadBytes,
    storage,
    sqliteSynchronous,
    syncAfterRelayMs,
    wsDeflate,
    clientDist,
  }
}

function parsePublicUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return null
  // Keep a path prefix (reverse proxy under /overlap) but never a trailing slash: we append '/b/<id>'.
  return (url.origin + url.pathname).replace(/\/+$/, '')
}
