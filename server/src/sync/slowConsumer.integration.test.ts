/**
 * [S37] A peer that stops reading: its unsent frames pile up in server memory until the limit, then
 * its socket alone is dropped. The limit is lowered here so that a few MB of relays (past the
 * kernel's socket buffers) reach it; the frames are under 64 KiB, so they take the relay's prebuilt
 * frame path (binaryFrame.ts), whose writes must count in `bufferedAmount` as ws's own do.
 */
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, rawSocket, startTestServer, waitFor } from '../testing/harness.js'
import { encodeSyncStep1 } from '../rooms/messages.js'
import { createLogger } from '../log.js'

const LIMIT = 256 * 1024
const UPDATES = 400
const VALUE_BYTES = 60 * 1024

it('[S37] a peer that stops reading is dropped past the limit; the writer and the other readers lose nothing', async () => {
  const logLines: Record<string, unknown>[] = []
  const srv = await startTestServer({
    maxBufferedBytes: LIMIT,
    log: createLogger({ level: 'info', write: (l) => logLines.push(JSON.parse(l) as Record<string, unknown>) }),
  })
  const boardId = await srv.createBoard()
  const writer = connectClient(srv.wsOrigin, boardId)
  const reader = connectClient(srv.wsOrigin, boardId)
  try {
    await Promise.all([writer.synced(), reader.synced()])

    // A bare client: its sync step 1 makes the server send it the board and then every relay.
    const stalled = rawSocket(`${srv.wsOrigin}/sync/${boardId}`)
    await stalled.opened
    stalled.ws.send(encodeSyncStep1(new Y.Doc()))
    await waitFor(
      () => srv.overlap.rooms.connectionCount() === 3 && stalled.frames.length >= 2,
      'the stalled peer synced'
    )
    stalled.ws.pause() // stops reading its socket: the kernel's buffers fill, then the server's

    // In small batches, each awaited: the writer and the reader keep reading (their echoes and
    // relays), so only the stalled peer's backlog grows.
    const records = writer.doc.getMap('records')
    const written = () => [...reader.doc.getMap('records').keys()].filter((k) => k.startsWith('k')).length
    for (let i = 0; i < UPDATES; i++) {
      records.set(`k${i}`, String(i % 10).repeat(VALUE_BYTES))
      if (i % 4 === 3) await waitFor(() => written() === i + 1, `the reader has update ${i}`, 10_000)
    }

    await waitFor(() => logLines.some((l) => l.msg === 'slow consumer dropped'), 'the stalled peer dropped', 10_000)
    await waitFor(() => srv.overlap.rooms.connectionCount() === 2, 'its connection gone', 10_000)
    const drops = logLines.filter((l) => l.msg === 'slow consumer dropped')
    expect(drops).toHaveLength(1)
    expect(drops[0]!.boardId).toBe(boardId)
    expect(drops[0]!.buffered as number).toBeGreaterThan(LIMIT)

    // Everyone else: every update arrived, nobody else was closed.
    expect(written()).toBe(UPDATES)
    expect(reader.doc.getMap('records').get(`k${UPDATES - 1}`)).toBe(String((UPDATES - 1) % 10).repeat(VALUE_BYTES))
    expect(writer.closes).toEqual([])
    expect(reader.closes).toEqual([])
  } finally {
    writer.destroy()
    reader.destroy()
    await srv.stop()
  }
})
