/**
 * Benchmark 3 — durable updates per second.
 *
 * Storage layer: `createSqliteStorage` (`synchronous: 'FULL'`: the WAL is fdatasynced before an
 * update counts as durable) behind the server's own `createCommitQueue`, which puts every update
 * appended in one event-loop turn into one transaction, and covers every transaction committed
 * before a sync with that one sync. W writers each append their next update as soon as the previous
 * one is durable (closed loop, like W busy clients), so a batch holds up to W updates; compaction
 * runs as in the server. W = 1 is the worst case (one fsync per update).
 *
 * End to end: B boards, one y-websocket client each, each writing its next move as soon as the
 * server echoes the previous one (the echo is sent only after the update is stored).
 *
 * Env: STORAGE_UPDATES (5000 per writer count), STORAGE_WRITERS ("1,10,50"), E2E_BOARDS ("1,20"),
 * E2E_SECONDS (3), BENCH_KINDS.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TLShapeId } from '@tldraw/tlschema'
import type { BoardId } from '@overlap/shared'
import { createBoard } from './lib/boards.js'
import { findPageId, setShapeX, writeRecordsChunked } from './lib/docLayout.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { createCommitQueue, createSqliteStorage, silentLogger, type BoardStorage } from './lib/serverModules.js'
import { alternate, removeDataDir, startServer, type ServerKind } from './lib/servers.js'
import { DEFAULT_PAGE_ID, makeGeoShapes } from './lib/shapes.js'
import { fmt, median, ratio } from './lib/stats.js'
import { makeMoveUpdates } from './lib/updates.js'
import { connectClient, type Client } from './lib/yclient.js'

interface LayerResult {
  writers: number
  updatesPerSec: number
  batchesPerSec: number
  syncsPerSec: number
}

async function storageLayer(writers: number, total: number): Promise<LayerResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-storage-bench-'))
  const storage = createSqliteStorage({ file: path.join(dir, 'overlap.db'), synchronous: 'FULL' })
  let batches = 0
  let syncs = 0
  // Count transactions and disk syncs by wrapping the calls (the commit queue uses appendUpdatesNow
  // where the storage has it, appendUpdates otherwise).
  const appendNow = storage.appendUpdatesNow!.bind(storage)
  const counted: BoardStorage = {
    ...storage,
    appendUpdates: async (batch) => {
      batches++
      return appendNow(batch)
    },
    appendUpdatesNow: (batch) => {
      batches++
      return appendNow(batch)
    },
    syncAppended: () => {
      syncs++
      return storage.syncAppended()
    },
  }
  const commits = createCommitQueue({ storage: counted, log: silentLogger })
  try {
    // One board per writer, as W people dragging on W boards (or one board: same transaction cost).
    const perWriter = Math.ceil(total / writers)
    const sets = Array.from({ length: writers }, () => makeMoveUpdates(perWriter))
    const ids: BoardId[] = []
    for (let w = 0; w < writers; w++) {
      const id = `bench${String(w).padStart(8, '0')}` as BoardId
      await storage.createBoard({ id, name: `w${w}`, createdAt: Date.now() }, sets[w]!.initial)
      ids.push(id)
    }
    const started = performance.now()
    await Promise.all(
      sets.map(async (set, w) => {
        for (const u of set.moves) await commits.append(ids[w]!, u).durable
      })
    )
    const ms = performance.now() - started
    await commits.drain()
    return {
      writers,
      updatesPerSec: (perWriter * writers * 1000) / ms,
      batchesPerSec: (batches * 1000) / ms,
      syncsPerSec: (syncs * 1000) / ms,
    }
  } finally {
    await storage.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function endToEnd(kind: ServerKind, boards: number, seconds: number): Promise<number> {
  const server = await startServer(kind)
  const clients: Client[] = []
  try {
    for (let b = 0; b < boards; b++) {
      const room = await createBoard(server, `e2e-${b}`)
      clients.push(connectClient(server.wsServerUrl, room))
    }
    await Promise.all(clients.map((c) => c.synced))
    const shapeIds = clients.map((c) => {
      const [shape] = makeGeoShapes(1, { pageId: findPageId(c.doc) ?? DEFAULT_PAGE_ID })
      writeRecordsChunked(c.doc, [shape!], 1)
      return shape!.id as TLShapeId
    })
    let echoes = 0
    let running = true
    const started = performance.now()
    await Promise.all(
      clients.map(
        (c, i) =>
          new Promise<void>((resolve) => {
            let x = 0
            const next = () => {
              if (!running) return resolve()
              setShapeX(c.doc, shapeIds[i]!, ++x)
            }
            // Alone on its board, every sync update this client receives is the echo of its own.
            c.stats.onMessage = (buf) => {
              if (buf[0] === 0 && buf[1] === 2) {
                echoes++
                next()
              }
            }
            next()
          })
      ).concat(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            running = false
            resolve()
          }, seconds * 1000)
        )
      )
    )
    // Echoes of the shape creation are counted too: negligible against thousands of moves.
    return (echoes * 1000) / (performance.now() - started)
  } finally {
    for (const c of clients) c.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
}

export async function runStorageThroughput(): Promise<Figure[]> {
  const total = Number(process.env.STORAGE_UPDATES ?? '5000')
  const writerCounts = (process.env.STORAGE_WRITERS ?? '1,10,50').split(',').map(Number)
  const boardCounts = (process.env.E2E_BOARDS ?? '1,20').split(',').map(Number)
  const seconds = Number(process.env.E2E_SECONDS ?? '3')
  const rounds = Number(process.env.STORAGE_ROUNDS ?? '3')
  console.log(`\n# durable updates/s: storage layer (${total} updates per case), end to end (${seconds} s per case), ${rounds} rounds`)
  const figures: Figure[] = []

  for (const writers of writerCounts) {
    const runs: LayerResult[] = []
    for (let r = 0; r < rounds; r++) {
      const res = await storageLayer(writers, total)
      runs.push(res)
      console.log(
        `storage layer, ${writers} concurrent writers: ${fmt(res.updatesPerSec, 0)} updates/s in ${fmt(res.batchesPerSec, 0)} transactions/s, ${fmt(res.syncsPerSec, 0)} disk syncs/s`
      )
    }
    figures.push({
      bench: 'storage',
      metric: `SQLite+commit queue, ${writers} writers (updates/s)`,
      value: fmt(median(runs.map((r) => r.updatesPerSec)), 0),
      note: `${fmt(median(runs.map((r) => r.batchesPerSec)), 0)} tx/s, ${fmt(median(runs.map((r) => r.syncsPerSec)), 0)} fdatasyncs/s`,
    })
  }

  for (const boards of boardCounts) {
    const got: Record<ServerKind, number[]> = { ours: [], 'ours-variant': [], ref: [], 'ref-ldb': [], tlsync: [] }
    for (let r = 0; r < rounds; r++) {
      for (const kind of alternate(r)) {
        const ups = await endToEnd(kind, boards, seconds)
        got[kind].push(ups)
        console.log(`end to end, ${kind.padEnd(4)} ${boards} boards × 1 closed-loop writer: ${fmt(ups, 0)} echoed updates/s`)
      }
    }
    const ours = median(got.ours)
    const ref = median(got.ref)
    figures.push({
      bench: 'storage',
      metric: `end to end, ${boards} boards (echoed updates/s)`,
      value: fmt(ours, 0),
      reference: `${fmt(ref, 0)} (in memory)`,
      note: ratio(ours, ref),
    })
  }
  return figures
}

if (isMain(import.meta.url)) await runStandalone('storage', runStorageThroughput)
