/**
 * A 10,000-shape board survives a restart whole (log + compacted state) and a fresh client gets all of
 * it. The timings are printed for orientation only: speed is measured by `pnpm bench`, not asserted.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, startTestServer, tempDir, waitFor, type TestServer } from '../testing/harness.js'

/** A tldraw-like record: a Y.Map of fields with a nested Y.Map of props. */
function addShape(records: Y.Map<unknown>, i: number) {
  const r = new Y.Map<unknown>()
  records.set(`shape:${i}`, r)
  r.set('id', `shape:${i}`)
  r.set('typeName', 'shape')
  r.set('type', 'geo')
  r.set('x', (i % 100) * 120)
  r.set('y', Math.floor(i / 100) * 120)
  r.set('rotation', 0)
  r.set('index', `a${i.toString(36)}`)
  r.set('parentId', 'page:page')
  r.set('isLocked', false)
  r.set('opacity', 1)
  const props = new Y.Map<unknown>()
  r.set('props', props)
  props.set('geo', 'rectangle')
  props.set('w', 100)
  props.set('h', 100)
  props.set('color', 'black')
  props.set('fill', 'none')
  props.set('dash', 'draw')
  props.set('size', 'm')
  r.set('meta', new Y.Map())
}

let servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop()
})

describe('big boards', () => {
  it('a 10,000-shape board reloads quickly after a restart', { timeout: 120_000 }, async () => {
    const dataDir = tempDir()
    let srv = await startTestServer({ dataDir })
    servers.push(srv)
    const boardId = await srv.createBoard('big')
    const writer = connectClient(srv.wsOrigin, boardId)
    await writer.synced()
    const records = writer.doc.getMap<unknown>('records')
    // 10,000 shapes in 100 transactions, then moves (overwrites) of 2,000 of them.
    for (let t = 0; t < 100; t++) writer.doc.transact(() => { for (let i = t * 100; i < t * 100 + 100; i++) addShape(records, i) })
    for (let i = 0; i < 2000; i++) (records.get(`shape:${i}`) as Y.Map<unknown>).set('x', -i)
    const stored = async () => (await srv.storage.loadDoc(boardId))!
    // Relays happen only after storage: once an observer has the last move, everything is stored.
    const observer = connectClient(srv.wsOrigin, boardId)
    await observer.synced()
    await waitFor(
      () => (observer.doc.getMap('records').get('shape:1999') as Y.Map<unknown> | undefined)?.get('x') === -1999,
      'every edit stored and relayed',
      30_000
    )
    observer.destroy()
    writer.destroy()
    const before = await stored()
    const bytes = (before.stateV2?.byteLength ?? 0) + before.updates.reduce((n, u) => n + u.byteLength, 0)
    await srv.stop()
    servers = []

    srv = await startTestServer({ dataDir })
    servers.push(srv)
    const s0 = performance.now()
    const loaded = await srv.storage.loadDoc(boardId)
    const doc = new Y.Doc()
    if (loaded!.stateV2) Y.applyUpdateV2(doc, loaded!.stateV2)
    for (const u of loaded!.updates) Y.applyUpdate(doc, u)
    const storageMs = performance.now() - s0
    const c0 = performance.now()
    const reader = connectClient(srv.wsOrigin, boardId)
    await reader.synced()
    const clientMs = performance.now() - c0
    expect([...reader.doc.getMap('records').keys()].filter((k) => k.startsWith('shape:'))).toHaveLength(10_000)
    console.log(
      `[perf] 10k shapes: stored ${(bytes / 1024).toFixed(0)} KiB (${before.updates.length} log updates + state); ` +
        `load+apply from SQLite ${storageMs.toFixed(0)} ms; fresh y-websocket client synced in ${clientMs.toFixed(0)} ms after restart`
    )
    reader.destroy()
  })
})
