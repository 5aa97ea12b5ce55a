/**
 * The REFERENCE Yjs server for comparisons: `@y/websocket-server@0.1.1`'s `setupWSConnection` behind a
 * bare http + ws server, exactly like its own `server.js` (room name from the URL path). In-memory
 * docs, or with `YPERSISTENCE=<dir>` its own y-leveldb persistence (read by `@y/websocket-server`).
 * Run as a child process by `lib/servers.ts`: env PORT, HOST, YPERSISTENCE.
 */
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const port = Number(process.env.PORT ?? '0')
const host = process.env.HOST ?? '127.0.0.1'

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (ws, req) => setupWSConnection(ws, req))

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('okay')
})
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
})
server.listen(port, host, () => {
  const addr = server.address()
  const actual = typeof addr === 'object' && addr !== null ? addr.port : port
  console.log(`reference server listening on ${host}:${actual}`)
})

const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
