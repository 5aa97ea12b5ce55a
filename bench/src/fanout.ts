/**
 * Benchmark 1 — fan-out latency. One writer moves a shape at 60 Hz (sets the shape's `x` in the doc,
 * as a drag does; `x` carries the send time from `performance.now()`), 1 / 10 / 50 readers on the
 * same board receive it through the server over loopback. Latency = reader's receive time − `x`
 * (writer and readers share this process, hence one clock). That thread handles the readers one after
 * another, about 60 µs each, so at 50 readers the p50 is mostly that queue (bench/README.md says
 * what moves it on a 2-vCPU machine). Three servers run in each round, each with its own board and
 * clients, and take turns of one second: ours (durable: every update is committed before it is
 * relayed, and fsynced before its author's echo), the reference `@y/websocket-server@0.1.1` in memory
 * (`ref`), and the reference with its durable option, y-leveldb (`ref-ldb`; it relays first and
 * stores after). Each prints its CPU per update, and the clients' (this process's).
 *
 * Env: BENCH_KINDS ("ours,ref,ref-ldb"), FANOUT_ROUNDS (6), FANOUT_SECONDS (4), FANOUT_READERS ("1,10,50").
 */
import type { TLShapeId } from '@tldraw/tlschema'
import { createBoard } from './lib/boards.js'
import { processCpuMs } from './lib/cpu.js'
import { findPageId, readShapeX, setShapeX, writeRecordsChunked } from './lib/docLayout.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { OURS_VARIANT, alternate, removeDataDir, startServer, type ServerHandle, type ServerKind } from './lib/servers.js'
import { DEFAULT_PAGE_ID, makeGeoShapes } from './lib/shapes.js'
import { fmt, median, ratio, roundRange, summarize } from './lib/stats.js'
import { connectClient, waitFor, type Client } from './lib/yclient.js'

const HZ = 60
const WARMUP_UPDATES = 30
/** Each server's turn lasts this long; its first few updates after a turn of another are not counted. */
const BLOCK_SECONDS = 1
const BLOCK_WARMUP_UPDATES = 6

interface CaseResult {
  kind: ServerKind
  round: number
  readers: number
  p50: number
  p99: number
  /** p50 / p99 of the LAST reader to get each update ("every reader has it"). */
  allP50: number
  allP99: number
  /** p50 of the FIRST reader to get each update: the server's own delay, before the readers queue up. */
  firstP50: number
  received: number
  expected: number
  serverCpuMsPerUpdate: number
  clientCpuMsPerUpdate: number
}

/** One server's board with its writer and readers, kept open while the servers take turns. */
interface Session {
  server: ServerHandle
  writer: Client
  clients: Client[]
  shapeId: TLShapeId
  /** Send time (== x) → latencies of the readers that got it; only updates sent while measuring. */
  perUpdate: Map<number, number[]>
  measuring: boolean
  cpuMs: number
  clientCpuMs: number
  updatesSent: number
}

async function openSession(server: ServerHandle, readers: number): Promise<Session> {
  const room = await createBoard(server, `fanout-${readers}`)
  const writer = connectClient(server.wsServerUrl, room)
  await writer.synced
  const [shape] = makeGeoShapes(1, { pageId: findPageId(writer.doc) ?? DEFAULT_PAGE_ID })
  const shapeId = shape!.id as TLShapeId
  writeRecordsChunked(writer.doc, [shape!], 1)

  const clients: Client[] = []
  for (let i = 0; i < readers; i++) clients.push(connectClient(server.wsServerUrl, room))
  await Promise.all(clients.map((c) => c.synced))
  await waitFor(() => clients.every((c) => readShapeX(c.doc, shapeId) !== undefined), 10_000, 'readers to see the shape')
  // No presence: an idle session's clients would otherwise renew their awareness every 15 s,
  // through their server, while another server is being measured.
  for (const c of [writer, ...clients]) c.provider.awareness.setLocalState(null)

  const session: Session = { server, writer, clients, shapeId, perUpdate: new Map(), measuring: false, cpuMs: 0, clientCpuMs: 0, updatesSent: 0 }
  for (const c of clients) {
    let lastX = readShapeX(c.doc, shapeId)
    c.doc.on('update', () => {
      const now = performance.now()
      const x = readShapeX(c.doc, shapeId)
      if (x === undefined || x === lastX) return
      lastX = x
      if (session.measuring) session.perUpdate.get(x)?.push(now - x)
    })
  }
  return session
}

/** `warmup` + `updates` moves at 60 Hz; waits until every reader has the last one. */
async function runBlock(s: Session, warmup: number, updates: number): Promise<void> {
  const cpuBefore = processCpuMs(s.server.pid)
  const clientBefore = process.cpuUsage()
  let lastSent = 0
  await new Promise<void>((resolve) => {
    const start = performance.now()
    let i = 0
    const tick = () => {
      // Each update is sent on its own 60 Hz slot, without drift accumulating.
      const x = performance.now()
      s.measuring = i >= warmup
      if (s.measuring) s.perUpdate.set(x, [])
      setShapeX(s.writer.doc, s.shapeId, x)
      lastSent = x
      i++
      if (i >= warmup + updates) return resolve()
      const next = start + (i * 1000) / HZ
      setTimeout(tick, Math.max(0, next - performance.now()))
    }
    tick()
  })
  await waitFor(() => s.clients.every((c) => readShapeX(c.doc, s.shapeId) === lastSent), 10_000, 'the last update to arrive').catch(
    (err) => console.warn(String(err))
  )
  s.measuring = false
  s.cpuMs += processCpuMs(s.server.pid) - cpuBefore
  const used = process.cpuUsage(clientBefore)
  s.clientCpuMs += (used.user + used.system) / 1000
  s.updatesSent += warmup + updates
}

function closeSession(s: Session, round: number): CaseResult {
  const all: number[] = []
  const lastReader: number[] = []
  const firstReader: number[] = []
  let received = 0
  const readers = s.clients.length
  for (const lat of s.perUpdate.values()) {
    all.push(...lat)
    received += lat.length
    if (lat.length === readers) lastReader.push(Math.max(...lat))
    if (lat.length > 0) firstReader.push(Math.min(...lat))
  }
  for (const c of s.clients) c.destroy()
  s.writer.destroy()
  const sum = summarize(all)
  const l = summarize(lastReader)
  return {
    kind: s.server.kind,
    round,
    readers,
    p50: sum.p50,
    p99: sum.p99,
    allP50: l.p50,
    allP99: l.p99,
    firstP50: summarize(firstReader).p50,
    received,
    expected: s.perUpdate.size * readers,
    serverCpuMsPerUpdate: s.cpuMs / s.updatesSent,
    clientCpuMsPerUpdate: s.clientCpuMs / s.updatesSent,
  }
}

/** Per-round values of `f` for `subject` and for `ref`, paired by round. */
function pairedByRound(
  results: CaseResult[],
  subject: ServerKind,
  ref: ServerKind,
  readers: number,
  f: (c: CaseResult) => number
): [number[], number[]] {
  const ours: number[] = []
  const theirs: number[] = []
  for (const o of results) {
    if (o.kind !== subject || o.readers !== readers) continue
    const t = results.find((c) => c.kind === ref && c.readers === readers && c.round === o.round)
    if (t) {
      ours.push(f(o))
      theirs.push(f(t))
    }
  }
  return [ours, theirs]
}

export async function runFanout(): Promise<Figure[]> {
  const rounds = Number(process.env.FANOUT_ROUNDS ?? '6')
  const seconds = Number(process.env.FANOUT_SECONDS ?? '4')
  const readerCounts = (process.env.FANOUT_READERS ?? '1,10,50').split(',').map(Number)
  console.log(`\n# fan-out latency: ${rounds} rounds × ${seconds} s at ${HZ} Hz, readers ${readerCounts.join('/')}`)
  const results: CaseResult[] = []
  for (let r = 0; r < rounds; r++) {
    // All servers run at once, each with its own board and clients, and take turns in blocks of
    // BLOCK_SECONDS: the host's load drifts over seconds, so short turns compare the servers
    // under the same conditions. Only one server is ever busy: the others' clients are idle.
    const kinds = alternate(r, OURS_VARIANT ? ['ours', 'ours-variant', 'ref', 'ref-ldb'] : ['ours', 'ref', 'ref-ldb'])
    const servers: ServerHandle[] = []
    try {
      for (const kind of kinds) servers.push(await startServer(kind))
      for (const readers of readerCounts) {
        const sessions: Session[] = []
        for (const server of servers) sessions.push(await openSession(server, readers))
        const blocks = Math.max(1, Math.round(seconds / BLOCK_SECONDS))
        const perBlock = Math.round((seconds * HZ) / blocks)
        for (let b = 0; b < blocks; b++) {
          for (let k = 0; k < sessions.length; k++) {
            const s = sessions[(b + k) % sessions.length]!
            await runBlock(s, b === 0 ? WARMUP_UPDATES : BLOCK_WARMUP_UPDATES, perBlock)
          }
        }
        for (const s of sessions) {
          const res = closeSession(s, r)
          results.push(res)
          console.log(
            `round ${r + 1} ${res.kind.padEnd(7)} readers=${String(readers).padStart(2)}: p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms, ` +
              `every-reader p50 ${fmt(res.allP50)} / p99 ${fmt(res.allP99)} ms, first-reader p50 ${fmt(res.firstP50)} ms, got ${res.received}/${res.expected}, CPU per update: server ${fmt(res.serverCpuMsPerUpdate)} ms, clients ${fmt(res.clientCpuMsPerUpdate)} ms`
          )
        }
      }
    } finally {
      for (const server of servers) {
        await server.stop()
        removeDataDir(server.dataDir)
      }
    }
  }

  const figures: Figure[] = []
  for (const readers of readerCounts) {
    const pick = (kind: ServerKind, f: (c: CaseResult) => number) =>
      median(results.filter((c) => c.kind === kind && c.readers === readers).map(f))
    const rows = [
      ['p50', (c: CaseResult) => c.p50, 2],
      ['p99', (c: CaseResult) => c.p99, 2],
      ['every-reader p99', (c: CaseResult) => c.allP99, 2],
      ['first-reader p50', (c: CaseResult) => c.firstP50, 2],
      ['server CPU per update (ms)', (c: CaseResult) => c.serverCpuMsPerUpdate, 2],
      ['client CPU per update (ms)', (c: CaseResult) => c.clientCpuMsPerUpdate, 2],
    ] as const
    // Rows of `subject` against `ref`: ours against both references, and the variant (if any)
    // against the in-memory reference, so its ratio reads like ours.
    const pairs = [
      ['ours', 'ref', ''],
      ['ours', 'ref-ldb', ', ref with y-leveldb'],
      ['ours-variant', 'ref', `, ours with ${process.env.BENCH_OURS_VARIANT ?? ''}`],
    ] as const
    for (const [subject, ref, suffix] of pairs) {
      for (const [label, f, digits] of rows) {
        const ours = pick(subject, f)
        const theirs = pick(ref, f)
        if (Number.isNaN(ours) || (Number.isNaN(theirs) && ref !== 'ref')) continue
        figures.push({
          bench: 'fanout',
          metric: `${readers} readers ${label}${label.endsWith(')') ? '' : ' (ms)'}${suffix}`,
          value: fmt(ours, digits),
          reference: fmt(theirs, digits),
          note: ratio(ours, theirs) + roundRange(...pairedByRound(results, subject, ref, readers, f)),
        })
      }
    }
  }
  return figures
}

if (isMain(import.meta.url)) await runStandalone('fanout', runFanout)
