/**
 * Benchmark 6 — cost of the workshop write guard ([WS2]), which runs on EVERY client update before it
 * is stored: a room doc with G tldraw shapes and a workshop map the server wrote, and a client that
 * moves random shapes (one small update per move, ~30 bytes). Each update is checked against the room
 * doc, then applied to it (so origins are found in the doc, as in the server). Reference: the
 * redundancy check the room already runs on every update.
 *
 * Env: GUARD_SHAPES (1000), GUARD_UPDATES (5000), GUARD_ROUNDS (7).
 */
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { setShapeX, writeRecordsChunked } from './lib/docLayout.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { buildWorkshopUpdate, checkWorkshopWrite, isRedundantUpdate } from './lib/serverModules.js'
import { makeDocumentAndPage, makeGeoShapes } from './lib/shapes.js'
import { fmt, median } from './lib/stats.js'

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

function oneRound(shapes: number, updates: number): { guardUs: number; redundantUs: number } {
  const room = new Y.Doc()
  const geo = makeGeoShapes(shapes)
  writeRecordsChunked(room, [...makeDocumentAndPage(), ...geo], 500)
  for (let i = 1; i <= 5; i++) Y.applyUpdate(room, buildWorkshopUpdate(room, { timer: { status: 'idle', durationMs: i * 60_000 } })!)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const sent: Uint8Array[] = []
  client.on('update', (u: Uint8Array) => sent.push(u))
  for (let i = 0; i < updates; i++) setShapeX(client, geo[(i * 7919) % shapes]!.id as TLShapeId, i)
  let guard = 0
  let redundant = 0
  for (const u of sent) {
    const t0 = performance.now()
    const verdict = checkWorkshopWrite(room, u)
    const t1 = performance.now()
    isRedundantUpdate(room, u)
    const t2 = performance.now()
    if (!verdict.ok) throw new Error(`a shape move was refused: ${verdict.reason}`)
    guard += t1 - t0
    redundant += t2 - t1
    Y.applyUpdate(room, u)
  }
  room.destroy()
  client.destroy()
  return { guardUs: (guard * 1000) / sent.length, redundantUs: (redundant * 1000) / sent.length }
}

export async function runWorkshopGuard(): Promise<Figure[]> {
  const shapes = env('GUARD_SHAPES', 1000)
  const updates = env('GUARD_UPDATES', 5000)
  const rounds = Array.from({ length: env('GUARD_ROUNDS', 7) }, () => oneRound(shapes, updates))
  const guard = median(rounds.map((r) => r.guardUs))
  const redundant = median(rounds.map((r) => r.redundantUs))
  console.log(`workshop guard: ${fmt(guard)} µs/update (redundancy check ${fmt(redundant)} µs), ${shapes} shapes, ${updates} moves × ${rounds.length}`)
  return [
    {
      bench: 'workshop guard',
      metric: `µs per small update (${shapes} shapes)`,
      value: fmt(guard),
      note: `redundancy check ${fmt(redundant)} µs`,
    },
  ]
}

if (isMain(import.meta.url)) await runStandalone('workshopGuard', runWorkshopGuard)
