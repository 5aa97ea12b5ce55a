/**
 * `node server/dist/resetLinks.js <boardId>` (env as for the server: DATA_DIR, PUBLIC_URL): prints three
 * new links for a board stored in SQLite (see access/resetLinks.ts). Exit 1 for an unknown or malformed id.
 */
import path from 'node:path'
import { parseBoardId } from '@overlap/shared'
import { parseConfig } from './config.js'
import { createSqliteStorage } from './storage/SqliteStorage.js'
import { resetBoardLinks } from './access/resetLinks.js'

const config = parseConfig(process.env)
const boardId = parseBoardId(process.argv[2])
if (boardId === null) {
  console.error('usage: node server/dist/resetLinks.js <boardId>  (22 characters A–Z a–z 0–9 - _)')
  process.exit(1)
}
const storage = createSqliteStorage({ file: path.join(config.dataDir, 'overlap.sqlite') })
try {
  const links = await resetBoardLinks(storage, boardId, config.publicUrl ?? `http://${config.host}:${config.port}`)
  if (links === null) {
    console.error(`no board ${boardId} in ${config.dataDir}`)
    process.exitCode = 1
  } else {
    console.log(JSON.stringify(links, null, 2))
  }
} finally {
  await storage.close()
}
