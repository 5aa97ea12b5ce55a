/**
 * Benchmark 4 — server memory per idle open board. N boards, each with ONE connected idle client
 * (a y-websocket 3.1 client in this process); the server is a child process, measured from outside
 * (/proc/<pid>/status VmRSS) and from inside (heap + external after two forced GCs, via the
 * preloaded memory probe). Then every client disconnects and we wait for the server to unload the
 * boards, and measure again: does memory return to the baseline?
 *
 * The reference server keeps every doc in memory forever when it runs without persistence (its
 * `closeConn` frees a doc only when a persistence layer is set), so its "after close" is expected
 * not to return.
 *
 * Clients offer permessage-deflate (as browsers do). Our server is measured as configured by default
 * (no deflate) and with `WS_DEFLATE=on`: a negotiated deflate holds zlib state per connection,
 * outside the JS heap.
 *
 * Env: MEM_BOARDS (200), MEM_ROUNDS (2), BENCH_KINDS.
 */
import { createBoard } from './lib/boards.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { alternate, removeDataDir, startServer, type ProcessMemory, type ServerHandle, type ServerKind } from './lib/servers.js'
import { fmt, median, ratio } from './lib/stats.js'
import { connectClient, type Client } from './lib/yclient.js'

const KIB = 1024

interface MemResult {
  kind: ServerKind
  /** Whether our server ran with `WS_DEFLATE=on` (each negotiated deflate holds zlib state). */
  deflate: boolean
  /** (heapUsed + external) growth per open board, KiB. */
  heapPerBoardKiB: number
  /** VmRSS growth per open board, KiB. */
  rssPerBoardKiB: number
  /** heap + external after closing, minus baseline, KiB (≈ 0 when everything was released). */
  heapAfterCloseKiB: number
  rssAfterCloseKiB: number
}

const heapOf = (m: ProcessMemory) => m.heapUsed + m.external

async function connectAll(server: ServerHandle, rooms: string[]): Promise<Client[]> {
  const clients = rooms.map((room) => connectClient(server.wsServerUrl, room, { timeoutMs: 60_000 }))
  await Promise.all(clients.map((c) => c.synced))
  return clients
}

/** Waits until the server's heap stops shrinking (boards unloaded and collected), bounded. */
async function settledMemory(server: ServerHandle, timeoutMs: number): Promise<ProcessMemory> {
  const deadline = Date.now() + timeoutMs
  let last = await server.memory()
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250))
    const now = await server.memory()
    if (heapOf(now) >= heapOf(last) - 4 * KIB) return now
    last = now
  }
  return last
}

async function measure(kind: ServerKind, boards: number, deflate: boolean): Promise<MemResult> {
  const server = await startServer(kind, kind === 'ours' && deflate ? { env: { WS_DEFLATE: 'on' } } : {})
  try {
    const rooms: string[] = []
    for (let i = 0; i < boards; i++) rooms.push(await createBoard(server, `mem-${i}`))
    // Warm up: load code paths and JIT with a few boards so the baseline is not inflated by them.
    const warm = await connectAll(server, [await createBoard(server, 'warm-a'), await createBoard(server, 'warm-b')])
    for (const c of warm) c.destroy()
    const baseline = await settledMemory(server, 5_000)

    const clients = await connectAll(server, rooms)
    // Idle: let the connection handshakes (awareness, step 1/2) finish before measuring.
    const open = await settledMemory(server, 5_000)
    for (const c of clients) c.destroy()
    const closed = await settledMemory(server, 15_000)

    return {
      kind,
      deflate,
      heapPerBoardKiB: (heapOf(open) - heapOf(baseline)) / boards / KIB,
      rssPerBoardKiB: (open.vmRssBytes - baseline.vmRssBytes) / boards / KIB,
      heapAfterCloseKiB: (heapOf(closed) - heapOf(baseline)) / KIB,
      rssAfterCloseKiB: (closed.vmRssBytes - baseline.vmRssBytes) / KIB,
    }
  } finally {
    await server.stop()
    removeDataDir(server.dataDir)
  }
}

export async function runMemoryPerBoard(): Promise<Figure[]> {
  const boards = Number(process.env.MEM_BOARDS ?? '200')
  const rounds = Number(process.env.MEM_ROUNDS ?? '2')
  console.log(`\n# memory per idle open board: ${boards} boards × 1 idle client, ${rounds} rounds`)
  const results: MemResult[] = []
  for (let r = 0; r < rounds; r++) {
    // The reference never negotiates permessage-deflate, so one variant measures it fully.
    const cases = alternate(r).flatMap((kind): { kind: ServerKind; deflate: boolean }[] => (kind === 'ours' ? [{ kind, deflate: true }, { kind, deflate: false }] : [{ kind, deflate: true }]))
    for (const { kind, deflate } of cases) {
      const res = await measure(kind, boards, deflate)
      results.push(res)
      console.log(
        `round ${r + 1} ${kind.padEnd(4)} ${deflate ? 'WS_DEFLATE=on' : 'default      '}: heap+external ${fmt(res.heapPerBoardKiB, 1)} KiB/board, VmRSS ${fmt(res.rssPerBoardKiB, 1)} KiB/board; ` +
          `after closing all: heap+external ${fmt(res.heapAfterCloseKiB, 0)} KiB over baseline, VmRSS ${fmt(res.rssAfterCloseKiB, 0)} KiB over baseline`
      )
    }
  }
  const pick = (kind: ServerKind, deflate: boolean, f: (m: MemResult) => number) =>
    median(results.filter((m) => m.kind === kind && (kind === 'ref' || m.deflate === deflate)).map(f))
  const figures: Figure[] = []
  for (const deflate of [true, false]) {
    const label = deflate ? 'WS_DEFLATE=on' : 'default'
    const row = (metric: string, f: (m: MemResult) => number, target: string): Figure => {
      const ours = pick('ours', deflate, f)
      const ref = pick('ref', deflate, f)
      return { bench: 'memory', metric: `${metric} [${label}]`, value: fmt(ours, 1), reference: fmt(ref, 1), note: `${ratio(ours, ref)}${target}` }
    }
    figures.push(
      row('heap+external per idle open board (KiB)', (m) => m.heapPerBoardKiB, '; target < 50'),
      row('VmRSS per idle open board (KiB)', (m) => m.rssPerBoardKiB, '; target < 50'),
      row(`heap+external after closing all, over baseline (KiB)`, (m) => m.heapAfterCloseKiB, '; ≈ 0 = released'),
      row(`VmRSS after closing all, over baseline (KiB)`, (m) => m.rssAfterCloseKiB, '')
    )
  }
  return figures
}

if (isMain(import.meta.url)) await runStandalone('memory', runMemoryPerBoard)
