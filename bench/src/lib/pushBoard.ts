/** Fills a board with shapes through a y-websocket client and waits until the server has stored them. */
import { createBoard } from './boards.js'
import { findPageId, writeRecordsChunked } from './docLayout.js'
import type { ServerHandle } from './servers.js'
import { DEFAULT_PAGE_ID, makeGeoShapes, type GeoShapeOptions } from './shapes.js'
import { connectClient, waitFor } from './yclient.js'

const CHUNK = 1_000

export async function pushBoard(server: ServerHandle, shapes: number, layout: GeoShapeOptions = {}): Promise<string> {
  const room = await createBoard(server, `bench-${shapes}`)
  const pusher = connectClient(server.wsServerUrl, room, { timeoutMs: 60_000 })
  try {
    await pusher.synced
    const records = makeGeoShapes(shapes, { ...layout, pageId: findPageId(pusher.doc) ?? DEFAULT_PAGE_ID })
    const before = pusher.stats.syncUpdatesIn
    // One update per chunk keeps each message far below the server's message size limit.
    const chunks = writeRecordsChunked(pusher.doc, records, CHUNK)
    // Every chunk comes back as an echo once the server has stored it (the reference echoes too).
    await waitFor(() => pusher.stats.syncUpdatesIn - before >= chunks, 120_000, `echoes of ${chunks} chunks`)
  } finally {
    pusher.destroy()
  }
  return room
}
