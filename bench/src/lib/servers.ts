/**
 * Starts the server under test and the reference server as CHILD PROCESSES, so their CPU and memory
 * are measured apart from the benchmark's own clients. Both get `memProbe.js` preloaded, which answers
 * memory questions over the fork IPC channel after a forced GC.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_DIST, SERVER_MAIN } from './paths.js'

/**
 * `ref`: the reference Yjs server in memory; `ref-ldb`: the same with its durable option, y-leveldb;
 * `tlsync`: tldraw's own sync (`@tldraw/sync-core`, in memory; load benchmark only).
 */
export type ServerKind = 'ours' | 'ours-variant' | 'ref' | 'ref-ldb' | 'tlsync'
const KINDS: readonly ServerKind[] = ['ours', 'ours-variant', 'ref', 'ref-ldb', 'tlsync']

/**
 * `BENCH_OURS_VARIANT="SQLITE_SYNCHRONOUS=NORMAL"` (space-separated NAME=value pairs): the fan-out
 * also runs our server with those settings, as `ours-variant`, taking turns with the others in the
 * same run — what a setting costs, measured under the same host load as the figures it changes.
 */
function variantEnv(): Record<string, string> | null {
  const spec = process.env.BENCH_OURS_VARIANT?.trim()
  if (!spec) return null
  const env: Record<string, string> = {}
  for (const pair of spec.split(/\s+/)) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new Error(`BENCH_OURS_VARIANT: "${pair}" is not NAME=value`)
    env[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return env
}
export const OURS_VARIANT = variantEnv()

export interface ProcessMemory {
  /** From /proc/<pid>/status, bytes. */
  vmRssBytes: number
  /** From the child itself after two forced GCs, bytes. */
  heapUsed: number
  external: number
  arrayBuffers: number
  rss: number
}

export interface ServerHandle {
  kind: ServerKind
  pid: number
  /** `http://127.0.0.1:port` */
  httpUrl: string
  /** What a y-websocket client gets as `serverUrl`; the room (board id) is appended by the client. */
  wsServerUrl: string
  /** Data directory (temp) of our server or of the y-leveldb reference; null for the in-memory reference. */
  dataDir: string | null
  memory(): Promise<ProcessMemory>
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export function readVmRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status)
  return m ? Number(m[1]) * 1024 : Number.NaN
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastErr: unknown = null
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before it answered`)
    try {
      const res = await fetch(url)
      if (res.ok) return
      lastErr = new Error(`HTTP ${res.status}`)
    } catch (err) {
      lastErr = err
    }
    // Poll interval while the child starts; bounded by the deadline above.
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms: ${String(lastErr)}`)
}

/** Waits until a started child answers `url`; a child that does not is killed, its output in the error. */
async function readyOrKill(child: ChildProcess, output: string[], url: string): Promise<void> {
  try {
    await waitForHttp(url, child, 20_000)
  } catch (err) {
    child.kill('SIGKILL')
    throw new Error(`${String(err)}\n${output.join('')}`)
  }
}

interface StartOptions {
  /** Reuse a data dir (to restart on the same data); a fresh temp dir otherwise. */
  dataDir?: string
  env?: Record<string, string>
}

function spawnChild(script: string, env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const probe = pathToFileURL(path.join(BENCH_DIST, 'memProbe.js')).href
  const child = fork(script, [], {
    execArgv: ['--expose-gc', '--import', probe, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  // BENCH_SERVER_CPUS="0": pins the server to those CPUs (run the bench itself under `taskset -c 1`),
  // so the clients never share a core with the server: separates the server's latency from scheduling.
  const cpus = process.env.BENCH_SERVER_CPUS
  if (cpus && child.pid !== undefined) execFileSync('taskset', ['-a', '-cp', cpus, String(child.pid)], { stdio: 'ignore' })
  // Keep the tail of the child's output for error messages; never let a full pipe block it.
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString())
    if (output.length > 50) output.shift()
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { child, output }
}

function handleFor(
  kind: ServerKind,
  child: ChildProcess,
  port: number,
  dataDir: string | null,
  wsServerUrl: string
): ServerHandle {
  const pid = child.pid!
  return {
    kind,
    pid,
    httpUrl: `http://127.0.0.1:${port}`,
    wsServerUrl,
    dataDir,
    memory: () =>
      new Promise<ProcessMemory>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('memory probe timed out')), 10_000)
        const onMsg = (msg: unknown) => {
          const m = msg as { type?: string; rss: number; heapUsed: number; external: number; arrayBuffers: number }
          if (m?.type !== 'memory') return
          clearTimeout(timer)
          child.off('message', onMsg)
          resolve({ vmRssBytes: readVmRss(pid), heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss })
        }
        child.on('message', onMsg)
        child.send({ type: 'memory' })
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

/**
 * Our server's storage: durable SQLite unless `BENCH_OURS_STORAGE` says otherwise (`memory` shows
 * what the storage costs). A STORAGE in the caller's environment does not switch it.
 */
const OURS_STORAGE = process.env.BENCH_OURS_STORAGE ?? 'sqlite'
if (OURS_STORAGE !== 'sqlite') console.log(`# BENCH_OURS_STORAGE=${OURS_STORAGE}: our server is NOT durable in this run`)

/** Our real server (`server/dist/main.js`) with SQLite storage in a temp dir (durable storage on; `BENCH_OURS_STORAGE`). */
export async function startOurServer(opts: StartOptions = {}): Promise<ServerHandle> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-bench-'))
  const port = await freePort()
  const { child, output } = spawnChild(SERVER_MAIN, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STORAGE: OURS_STORAGE,
    LOG_LEVEL: 'warn',
    ...opts.env,
  })
  await readyOrKill(child, output, `http://127.0.0.1:${port}/healthz`)
  return handleFor('ours', child, port, dataDir, `ws://127.0.0.1:${port}/sync`)
}

/**
 * The reference `@y/websocket-server@0.1.1`: in memory, or (`durable`) with its own persistence,
 * y-leveldb in a temp dir (`YPERSISTENCE`). It stores each update after relaying it, without waiting.
 */
export async function startRefServer(opts: StartOptions = {}, durable = false): Promise<ServerHandle> {
  const port = await freePort()
  const dataDir = durable ? opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-bench-ldb-')) : null
  const { child, output } = spawnChild(path.join(BENCH_DIST, 'refServerMain.js'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(dataDir ? { YPERSISTENCE: path.join(dataDir, 'leveldb') } : {}),
    ...opts.env,
  })
  await readyOrKill(child, output, `http://127.0.0.1:${port}/`)
  return handleFor(durable ? 'ref-ldb' : 'ref', child, port, dataDir, `ws://127.0.0.1:${port}`)
}

/**
 * tldraw's own sync server (`tlsyncServerMain.ts`), one room seeded from `snapshotFile` (a tldraw
 * store snapshot). `wsServerUrl` is its `/connect` URL.
 */
export async function startTlsyncServer(snapshotFile: string): Promise<ServerHandle> {
  const port = await freePort()
  const { child, output } = spawnChild(path.join(BENCH_DIST, 'tlsyncServerMain.js'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    SNAPSHOT_FILE: snapshotFile,
  })
  await readyOrKill(child, output, `http://127.0.0.1:${port}/`)
  return handleFor('tlsync', child, port, null, `ws://127.0.0.1:${port}/connect`)
}

export function startServer(kind: ServerKind, opts: StartOptions = {}): Promise<ServerHandle> {
  if (kind === 'tlsync') throw new Error('tlsync needs a snapshot: use startTlsyncServer')
  if (kind === 'ours-variant') {
    if (!OURS_VARIANT) throw new Error('ours-variant needs BENCH_OURS_VARIANT')
    return startOurServer({ ...opts, env: { ...opts.env, ...OURS_VARIANT } }).then((h) => ({ ...h, kind }))
  }
  return kind === 'ours' ? startOurServer(opts) : startRefServer(opts, kind === 'ref-ldb')
}

export function removeDataDir(dir: string | null): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
}

/**
 * The servers to compare in round `r` (`kinds` of this benchmark, narrowed by BENCH_KINDS, e.g.
 * `ours` or `ours,ref-ldb`), rotating which goes first so slow drift (thermal, page cache, other
 * load) does not always favour the same one.
 */
export function alternate(r: number, kinds: readonly ServerKind[] = ['ours', 'ref']): ServerKind[] {
  const wanted = process.env.BENCH_KINDS?.split(',')
  const list = kinds.filter((k) => KINDS.includes(k) && (!wanted || wanted.includes(k)))
  const shift = list.length === 0 ? 0 : r % list.length
  return [...list.slice(shift), ...list.slice(0, shift)]
}
