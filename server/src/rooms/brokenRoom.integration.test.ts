import { describe, expect, it } from 'vitest'
import { CloseCode } from '@overlap/shared'
import { createLogger } from '../log.js'
import { connectClient, startTestServer, waitFor, type TestClient, type TestServer } from '../testing/harness.js'

describe('a room whose doc throws on a stored update [S38]', () => {
  it('[S38] relays nothing of it, closes its author (4400) and the others (4500), and the board reloads from storage', async () => {
    const logLines: Record<string, unknown>[] = []
    const srv = await startTestServer({ log: createLogger({ level: 'info', write: (l) => logLines.push(JSON.parse(l) as Record<string, unknown>) }) })
    const clients: TestClient[] = []
    try {
      await reloadsAfterAThrow(srv, clients, logLines)
    } finally {
      for (const c of clients) c.destroy()
      await srv.stop()
    }
  })
})

/** The test's body: `clients` are destroyed by the caller. */
async function reloadsAfterAThrow(srv: TestServer, clients: TestClient[], logLines: Record<string, unknown>[]) {
  const boardId = await srv.createBoard()
  const author = connectClient(srv.wsOrigin, boardId)
  const other = connectClient(srv.wsOrigin, boardId)
  clients.push(author, other)
  await Promise.all([author.synced(), other.synced()])
  author.doc.getMap('records').set('before', 1)
  await waitFor(() => other.doc.getMap('records').get('before') === 1, 'the first edit relayed')

  // Every update now passes [S16]; to reach this path, make the room's doc throw, once, the way
  // Yjs does midway through a transaction (it leaves that transaction open: the doc is spoilt).
  const doc = srv.overlap.rooms.loadedDoc(boardId)!
  let armed = true
  doc.on('beforeTransaction', () => {
    if (!armed) return
    armed = false
    throw new Error('injected: Yjs threw midway')
  })
  // When `other` sees the edit, and whether it was closed by then.
  let seenWhileClosed: boolean | null = null
  other.doc.getMap('records').observe(() => {
    if (seenWhileClosed === null && other.doc.getMap('records').has('edit')) seenWhileClosed = other.closes.length > 0
  })
  author.doc.getMap('records').set('edit', 2)

  await waitFor(() => author.closes.some((c) => c.code === CloseCode.MalformedMessage), 'the author closed with 4400')
  await waitFor(() => other.closes.some((c) => c.code === CloseCode.StorageError), 'the others closed with 4500')
  expect(logLines.some((l) => l.msg === 'board doc could not integrate a stored update; reloading the board' && l.boardId === boardId)).toBe(true)
  // The update was stored before it was applied [S6]: the reloaded board has it, and `other`
  // gets it from there after reconnecting, not from the broken room's relay.
  await waitFor(() => other.doc.getMap('records').get('edit') === 2, 'the stored edit after reconnecting')
  expect(seenWhileClosed).toBe(true)
  expect(srv.overlap.rooms.loadedDoc(boardId)).not.toBe(doc)

  // The board works: a fresh joiner has everything and edits reach `other`.
  const joiner = connectClient(srv.wsOrigin, boardId)
  clients.push(joiner)
  await joiner.synced()
  expect(joiner.doc.getMap('records').get('before')).toBe(1)
  expect(joiner.doc.getMap('records').get('edit')).toBe(2)
  joiner.doc.getMap('records').set('after', 3)
  await waitFor(() => other.doc.getMap('records').get('after') === 3, 'an edit after the reload relayed')
}
