/**
 * Benchmark 1 — fan-out latency. One writer moves a shape at 60 Hz (sets the shape's `x` in the doc,
 * as a drag does; `x` carries the send time from `performance.now()`), 1 / 10 / 50 readers on the
 * same board receive it through the server over loopback. Latency = reader's receive time − `x`
 * (writer and readers share this process, hence one clock; 50 readers decoding 60 small updates/s
 * is far from saturating it). Three servers take turns in each round: ours (durable: every update is
 * committed before it is relayed, and fsynced before its author's echo), the reference
 * `@y/websocket-server@0.1.1` in memory (`ref`), and the reference with its durable option, y-leveldb
 * (`ref-ldb`; it relays first and stores after).
 *
 * Env: BENCH_KINDS ("ours,ref,ref-ldb"), FANOUT_ROUNDS (3), FANOUT_SECONDS (4), FANOUT_READERS ("1,10,50").
 */
import type { TLShapeId } from '@tldraw/tlschema'
import { createBoard } from './lib/boards.js'
import { processCpuMs } from './lib/cpu.js'
import { findPageId, readShapeX, setShapeX, writeRecordsChunked } from './lib/docLayout.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { alternate, removeDataDir, startServer, type ServerHandle, type ServerKind } from './lib/servers.js'
import { DEFAULT_PAGE_ID, makeGeoShapes } from './lib/shapes.js'
import { fmt, median, ratio, summarize } from './lib/stats.js'
import { connectClient, waitFor, type Client } from './lib/yclient.js'

const HZ = 60
const WARMUP_UPDATES = 30

interface CaseResult {
  kind: ServerKind
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
  serverCpuPct: number
}

async function runCase(server: ServerHandle, readers: number, seconds: number): Promise<CaseResult> {
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

  // sent time (== x) → latencies of the readers that got it
  const perUpdate = new Map<number, number[]>()
  let measuring = false
  for (const c of clients) {
    let lastX = readShapeX(c.doc, shapeId)
    c.doc.on('update', () => {
      const now = performance.now()
      const x = readShapeX(c.doc, shapeId)
      if (x === undefined || x === lastX) return
      lastX = x
      if (measuring) perUpdate.get(x)?.push(now - x)
    })
  }

  const total = WARMUP_UPDATES + Math.round(seconds * HZ)
  const cpuBefore = processCpuMs(server.pid)
  const wallBefore = performance.now()
  let lastSent = 0
  await new Promise<void>((resolve) => {
    const start = performance.now()
    let i = 0
    const tick = () => {
      // Each update is sent on its own 60 Hz slot, without drift accumulating.
      const x = performance.now()
      if (i === WARMUP_UPDATES) measuring = true
      if (measuring) perUpdate.set(x, [])
      setShapeX(writer.doc, shapeId, x)
      lastSent = x
      i++
      if (i >= total) return resolve()
      const next = start + (i * 1000) / HZ
      setTimeout(tick, Math.max(0, next - performance.now()))
    }
    tick()
  })
  await waitFor(() => clients.every((c) => readShapeX(c.doc, shapeId) === lastSent), 10_000, 'the last update to arrive').catch(
    (err) => console.warn(String(err))
  )
  const cpuMs = processCpuMs(server.pid) - cpuBefore
  const wallMs = performance.now() - wallBefore

  const all: number[] = []
  const lastReader: number[] = []
  const firstReader: number[] = []
  let received = 0
  for (const lat of perUpdate.values()) {
    all.push(...lat)
    received += lat.length
    if (lat.length === readers) lastReader.push(Math.max(...lat))
    if (lat.length > 0) firstReader.push(Math.min(...lat))
  }
  for (const c of clients) c.destroy()
  writer.destroy()
  const s = summarize(all)
  const l = summarize(lastReader)
  return {
    kind: server.kind,
    readers,
    p50: s.p50,
    p99: s.p99,
    allP50: l.p50,
    allP99: l.p99,
    firstP50: summarize(firstReader).p50,
    received,
    expected: perUpdate.size * readers,
    serverCpuPct: (cpuMs / wallMs) * 100,
  }
}

export async function runFanout(): Promise<Figure[]> {
  const rounds = Number(process.env.FANOUT_ROUNDS ?? '3')
  const seconds = Number(process.env.FANOUT_SECONDS ?? '4')
  const readerCounts = (process.env.FANOUT_READERS ?? '1,10,50').split(',').map(Number)
  console.log(`\n# fan-out latency: ${rounds} rounds × ${seconds} s at ${HZ} Hz, readers ${readerCounts.join('/')}`)
  const results: CaseResult[] = []
  for (let r = 0; r < rounds; r++) {
    for (const kind of alternate(r, ['ours', 'ref', 'ref-ldb'])) {
      const server = await startServer(kind)
      try {
        for (const readers of readerCounts) {
          const res = await runCase(server, readers, seconds)
          results.push(res)
          console.log(
            `round ${r + 1} ${kind.padEnd(7)} readers=${String(readers).padStart(2)}: p50 ${fmt(res.p50)} ms, p99 ${fmt(res.p99)} ms, ` +
              `every-reader p50 ${fmt(res.allP50)} / p99 ${fmt(res.allP99)} ms, first-reader p50 ${fmt(res.firstP50)} ms, got ${res.received}/${res.expected}, server CPU ${fmt(res.serverCpuPct, 1)}%`
          )
        }
      } finally {
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
      ['server CPU (%)', (c: CaseResult) => c.serverCpuPct, 1],
    ] as const
    for (const [ref, suffix] of [['ref', ''], ['ref-ldb', ', ref with y-leveldb']] as const) {
      for (const [label, f, digits] of rows) {
        const ours = pick('ours', f)
        const theirs = pick(ref, f)
        if (Number.isNaN(theirs) && ref === 'ref-ldb') continue
        figures.push({
          bench: 'fanout',
          metric: `${readers} readers ${label}${label.endsWith(')') ? '' : ' (ms)'}${suffix}`,
          value: fmt(ours, digits),
          reference: fmt(theirs, digits),
          note: ratio(ours, theirs),
        })
      }
    }
  }
  return figures
}

if (isMain(import.meta.url)) await runStandalone('fanout', runFanout)
