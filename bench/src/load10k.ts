/**
 * Benchmark 2 — loading a 10,000-shape board.
 *
 * Builds a board of 10,000 valid tldraw geo shapes: created by HTTP (`POST /api/boards`), pushed by a
 * y-websocket client in chunks of 1,000 (one update each), waiting for every chunk's echo (sent
 * only once stored), then disconnected. Then a NEW client joins and we time:
 *   - synced: `new WebsocketProvider` → first sync (server's step 2 applied),
 *   - store: synced + the records loaded into a tldraw store (validated).
 * Three situations: "cold" (board unloaded: the server reads it from SQLite), "warm" (another
 * client holds the board open), "restart" (fresh server process on the same data dir, first join).
 * Bytes: payload bytes of the WebSocket messages received, and bytes read from the TCP socket
 * (= compressed size when permessage-deflate was negotiated; the Node `ws` client offers it, as
 * browsers do; our server negotiates it only with `WS_DEFLATE=on`, measured once more after the restart).
 * The reference Yjs server (in memory) can only be measured warm.
 * tldraw's own sync (`@tldraw/sync-core`: `TLSocketRoom` in memory, seeded with the same shapes, and its
 * own `TLSyncClient` on a validating headless store) is the reference for "in a tldraw store": timed
 * from the socket's creation to its `onLoad`, warm (the room is in memory), in the same run.
 *
 * Env: LOAD_SHAPES (10000), LOAD_ROUNDS (3), LOAD_JOINS (3 joins per situation and round), BENCH_KINDS.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createTLSchema } from '@tldraw/tlschema'
import { pushBoard } from './lib/pushBoard.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { alternate, removeDataDir, startOurServer, startServer, startTlsyncServer, type ServerHandle, type ServerKind } from './lib/servers.js'
import { makeDocumentAndPage, makeGeoShapes } from './lib/shapes.js'
import { joinTlsync } from './lib/tlsyncClient.js'
import { loadDocIntoStore } from './lib/storeLoader.js'
import { fmt, fmtBytes, median, ratio } from './lib/stats.js'
import { connectClient } from './lib/yclient.js'

const MB = 1_000_000

/** `deflate`: a restart with `WS_DEFLATE=on`, first join (only its bytes are reported). */
type Situation = 'cold' | 'warm' | 'restart' | 'deflate'

interface Join {
  kind: ServerKind
  situation: Situation
  syncedMs: number
  storeMs: number
  messageBytes: number
  wireBytes: number
  extensions: string
  shapes: number
}

async function join(server: ServerHandle, room: string, situation: Situation): Promise<Join> {
  const started = performance.now()
  const client = connectClient(server.wsServerUrl, room, { timeoutMs: 60_000 })
  await client.synced
  const syncedMs = performance.now() - started
  const loaded = loadDocIntoStore(client.doc)
  const storeMs = performance.now() - started
  const result: Join = {
    kind: server.kind,
    situation,
    syncedMs,
    storeMs,
    messageBytes: client.stats.messageBytes,
    wireBytes: client.stats.wireBytesRead,
    extensions: client.stats.extensions || 'none',
    shapes: loaded.shapes,
  }
  loaded.dispose()
  client.destroy()
  return result
}

function log(j: Join): void {
  if (j.kind === 'tlsync') {
    console.log(`tlsync ${j.situation.padEnd(7)}: in store ${fmt(j.storeMs, 0)} ms (${j.shapes} shapes, TLSyncClient onLoad), messages ${fmtBytes(j.messageBytes)}`)
    return
  }
  console.log(
    `${j.kind.padEnd(4)} ${j.situation.padEnd(7)}: synced ${fmt(j.syncedMs, 0)} ms, in store ${fmt(j.storeMs, 0)} ms (${j.shapes} shapes via bindStoreToDoc), ` +
      `messages ${fmtBytes(j.messageBytes)}, TCP ${fmtBytes(j.wireBytes)} (extensions: ${j.extensions})`
  )
}

async function roundOurs(shapes: number, joins: number): Promise<Join[]> {
  const out: Join[] = []
  let server = await startOurServer()
  const dataDir = server.dataDir!
  try {
    const room = await pushBoard(server, shapes)
    for (let i = 0; i < joins; i++) out.push(await join(server, room, 'cold'))
    const holder = connectClient(server.wsServerUrl, room, { timeoutMs: 60_000 })
    await holder.synced
    for (let i = 0; i < joins; i++) out.push(await join(server, room, 'warm'))
    holder.destroy()
    await server.stop()
    server = await startOurServer({ dataDir })
    out.push(await join(server, room, 'restart'))
    await server.stop()
    server = await startOurServer({ dataDir, env: { WS_DEFLATE: 'on' } })
    out.push(await join(server, room, 'deflate'))
  } finally {
    await server.stop()
    removeDataDir(dataDir)
  }
  return out
}

async function roundRef(shapes: number, joins: number): Promise<Join[]> {
  const out: Join[] = []
  const server = await startServer('ref')
  try {
    const room = await pushBoard(server, shapes)
    // The in-memory reference keeps the doc after its last client leaves: every join is warm.
    for (let i = 0; i < joins; i++) out.push(await join(server, room, 'warm'))
  } finally {
    await server.stop()
  }
  return out
}

async function roundTlsync(shapes: number, joins: number): Promise<Join[]> {
  const out: Join[] = []
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-bench-tlsync-'))
  const file = path.join(dir, 'snapshot.json')
  const records = [...makeDocumentAndPage(), ...makeGeoShapes(shapes)]
  fs.writeFileSync(file, JSON.stringify({ store: Object.fromEntries(records.map((r) => [r.id, r])), schema: createTLSchema().serialize() }))
  const server = await startTlsyncServer(file)
  try {
    for (let i = 0; i < joins; i++) {
      const j = await joinTlsync(server.wsServerUrl)
      // One step: its connect message carries the records; "synced" and "in store" are the same moment.
      out.push({ kind: 'tlsync', situation: 'warm', syncedMs: j.loadedMs, storeMs: j.loadedMs, messageBytes: j.messageBytes, wireBytes: Number.NaN, extensions: 'n/a', shapes: j.shapes })
    }
  } finally {
    await server.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return out
}

export async function runLoad10k(): Promise<Figure[]> {
  const shapes = Number(process.env.LOAD_SHAPES ?? '10000')
  const rounds = Number(process.env.LOAD_ROUNDS ?? '3')
  const joins = Number(process.env.LOAD_JOINS ?? '3')
  console.log(`\n# ${shapes}-shape board load: ${rounds} rounds, ${joins} joins per situation`)
  const all: Join[] = []
  for (let r = 0; r < rounds; r++) {
    for (const kind of alternate(r, ['ours', 'ref', 'tlsync'])) {
      const res = kind === 'ours' ? await roundOurs(shapes, joins) : kind === 'tlsync' ? await roundTlsync(shapes, joins) : await roundRef(shapes, joins)
      res.forEach(log)
      all.push(...res)
    }
  }
  const pick = (kind: ServerKind, situation: Situation, f: (j: Join) => number) =>
    median(all.filter((j) => j.kind === kind && j.situation === situation).map(f))
  const refWarm = (f: (j: Join) => number) => pick('ref', 'warm', f)
  const tlsyncMs = pick('tlsync', 'warm', (j) => j.storeMs)
  const figures: Figure[] = []
  for (const situation of ['cold', 'warm', 'restart'] as const) {
    const synced = pick('ours', situation, (j) => j.syncedMs)
    const refSynced = refWarm((j) => j.syncedMs)
    figures.push({ bench: 'load10k', metric: `${situation}: join → synced (ms)`, value: fmt(synced, 0), reference: `${fmt(refSynced, 0)} (Yjs ref, warm)`, note: ratio(synced, refSynced) })
    const inStore = pick('ours', situation, (j) => j.storeMs)
    figures.push({
      bench: 'load10k',
      metric: `${situation}: join → in tldraw store (ms)`,
      value: fmt(inStore, 0),
      reference: `${fmt(tlsyncMs, 0)} (tldraw sync, warm); Yjs ref ${fmt(refWarm((j) => j.storeMs), 0)}`,
      note: `${ratio(inStore, tlsyncMs)}; target ≤ 1.00× tldraw sync`,
    })
  }
  const ext = (situation: Situation) => all.find((j) => j.kind === 'ours' && j.situation === situation)?.extensions || 'none'
  const extRef = all.find((j) => j.kind === 'ref')?.extensions || 'none'
  for (const [label, situation, f] of [
    [`bytes on the wire, TCP (MB) [default, extensions: ${ext('cold')}; ref: ${extRef}]`, 'cold', (j: Join) => j.wireBytes / MB],
    [`bytes on the wire, TCP (MB) [WS_DEFLATE=on: ${ext('deflate')}]`, 'deflate', (j: Join) => j.wireBytes / MB],
    ['message payload bytes, uncompressed (MB)', 'cold', (j: Join) => j.messageBytes / MB],
  ] as const) {
    const ours = pick('ours', situation, f)
    const ref = refWarm(f)
    figures.push({ bench: 'load10k', metric: label, value: fmt(ours, 2), reference: fmt(ref, 2), note: `${ratio(ours, ref)}; target < 3.3 MB` })
  }
  const tlsyncBytes = pick('tlsync', 'warm', (j) => j.messageBytes / MB)
  const oursBytes = pick('ours', 'cold', (j) => j.messageBytes / MB)
  figures.push({ bench: 'load10k', metric: 'message payload bytes vs tldraw sync (MB)', value: fmt(oursBytes, 2), reference: `${fmt(tlsyncBytes, 2)} (tldraw sync)`, note: ratio(oursBytes, tlsyncBytes) })
  return figures
}

if (isMain(import.meta.url)) await runStandalone('load10k', runLoad10k)
