/**
 * The tldraw-sync REFERENCE for the load benchmark: `@tldraw/sync-core`'s `TLSocketRoom` (in memory,
 * tldraw's default schema) behind a bare http + ws server, one room, seeded from a store snapshot file.
 * Run as a child process by `lib/servers.ts`: env PORT, HOST, SNAPSHOT_FILE. A client connects to
 * `/connect?sessionId=<id>` (tldraw's own sync protocol, JSON messages).
 */
import fs from 'node:fs'
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { WebSocketServer } from 'ws'
import { TLSocketRoom } from '@tldraw/sync-core'

const port = Number(process.env.PORT ?? '0')
const host = process.env.HOST ?? '127.0.0.1'
const file = process.env.SNAPSHOT_FILE
if (!file) throw new Error('SNAPSHOT_FILE is required')

const room = new TLSocketRoom({ initialSnapshot: JSON.parse(fs.readFileSync(file, 'utf8')) as never })

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (socket, req) => {
  const sessionId = new URL(req.url ?? '/', 'http://x').searchParams.get('sessionId') ?? randomUUID()
  room.handleSocketConnect({ sessionId, socket })
})
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('okay')
})
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)))
server.listen(port, host, () => console.log(`tldraw sync reference listening on ${host}:${port}`))

const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
