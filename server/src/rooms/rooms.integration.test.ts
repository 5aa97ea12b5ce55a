import v8 from 'node:v8'
import vm from 'node:vm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type BoardId } from '@overlap/shared'
import { rawSocket, startTestServer, waitFor, type TestServer } from '../testing/harness.js'
import { encodeSyncStep1, encodeUpdate } from './messages.js'
import { createMemoryStorage } from '../storage/MemoryStorage.js'

let srv: TestServer
beforeEach(async () => {
  srv = await startTestServer()
})
afterEach(async () => {
  await srv.stop()
})

/** A real full GC even without `--expose-gc` on the command line (V8 flag set at run time). */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing) return existing
  try {
    v8.setFlagsFromString('--expose-gc')
    return vm.runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
}
const gc = exposeGc()

let peakRooms = 0

/** Opens a board, makes one edit, waits for its echo, (waits for `beforeClose`,) closes. */
async function visit(boardId: BoardId, i: number, beforeClose?: () => Promise<void>) {
  const sock = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
  await sock.opened
  sock.ws.send(encodeSyncStep1(new Y.Doc()))
  const d = new Y.Doc()
  d.getMap('records').set(`shape:${i}`, 'x'.repeat(200))
  const frame = encodeUpdate(Y.encodeStateAsUpdate(d))
  sock.ws.send(frame)
  await waitFor(() => sock.frames.some((f) => f.length === frame.length && f[0] === 0 && f[1] === 2), 'echo')
  peakRooms = Math.max(peakRooms, srv.overlap.rooms.roomCount())
  await beforeClose?.()
  sock.ws.close()
  await sock.closed
}

describe('room lifecycle', () => {
  it('[S13] a room unloads after its last client leaves, and reloads on the next', async () => {
    const id = await srv.createBoard()
    await visit(id, 1)
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded')
    await visit(id, 2)
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'room unloaded again')
  })

  it('[S13] memory returns to baseline after 1,000 boards were opened and closed', async () => {
    // Memory storage: the test measures rooms, not SQLite's page cache.
    await srv.stop()
    srv = await startTestServer({ storage: createMemoryStorage() })
    const ids: BoardId[] = []
    for (let i = 0; i < 1000; i++) ids.push(await srv.createBoard(`b${i}`))
    // Warm up code paths, then measure the baseline.
    for (let i = 0; i < 20; i++) await visit(ids[i]!, i)
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'warm-up rooms unloaded')
    gc?.()
    const baseline = process.memoryUsage().heapUsed
    // Open in waves of 50 concurrent boards, each wave all open at once (every socket of a wave stays
    // until the whole wave has its echo; otherwise a fast server closes some before others open).
    peakRooms = 0
    for (let w = 0; w < 1000; w += 50) {
      const wave = ids.slice(w, w + 50)
      let echoed = 0
      let release!: () => void
      const allEchoed = new Promise<void>((resolve) => (release = resolve))
      const barrier = () => {
        if (++echoed === wave.length) release()
        return allEchoed
      }
      await Promise.all(wave.map((id, j) => visit(id, w + j, barrier)))
    }
    await waitFor(() => srv.overlap.rooms.roomCount() === 0, 'all rooms unloaded', 20_000)
    expect(srv.overlap.rooms.connectionCount()).toBe(0)
    expect(peakRooms).toBe(50)
    if (gc) {
      gc()
      const grown = process.memoryUsage().heapUsed - baseline
      console.log(`[S13] heap: baseline ${(baseline / 1e6).toFixed(1)} MB, after 1,000 boards ${((baseline + grown) / 1e6).toFixed(1)} MB, peak rooms ${peakRooms}`)
      // 1,000 loaded rooms would hold 1,000 docs + awareness; allow noise, not leaks.
      expect(grown).toBeLessThan(4 * 1024 * 1024)
    }
    // All 1,000 edits are stored.
    const stored = await srv.storage.loadDoc(ids[999]!)
    expect(stored!.updates.length + (stored!.stateV2 ? 1 : 0)).toBeGreaterThan(1)
  })
})
