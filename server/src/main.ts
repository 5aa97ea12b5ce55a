/**
 * Entry point: `node server/dist/main.js`. Reads the environment, opens storage, listens, and
 * shuts down cleanly on SIGTERM/SIGINT (sockets closed with 1012, every accepted update durable).
 */
import path from 'node:path'
import { ConfigError, parseConfig, type ServerConfig } from './config.js'
import { createLogger, type Logger } from './log.js'
import { createOverlapServer } from './createServer.js'
import { describeListenError } from './listenError.js'
import { prepareDataDir } from './dataDir.js'
import { createMemoryStorage } from './storage/MemoryStorage.js'
import { createSqliteStorage } from './storage/SqliteStorage.js'
import type { BoardStorage } from './storage/BoardStorage.js'

function openStorage(config: ServerConfig, log: Logger): BoardStorage {
  switch (config.storage) {
    case 'sqlite':
      return createSqliteStorage({
        file: path.join(config.dataDir, 'overlap.sqlite'),
        synchronous: config.sqliteSynchronous,
        onBackgroundFlush: (err) => {
          if (err) log.error('flushing stored updates to disk failed', { err })
        },
      })
    case 'memory':
      return createMemoryStorage()
  }
}

async function main(): Promise<void> {
  let config: ServerConfig
  try {
    config = parseConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(1)
    }
    throw e
  }
  const log = createLogger({ level: config.logLevel })
  if (config.storage === 'sqlite') {
    const problem = prepareDataDir(config.dataDir)
    if (problem) {
      process.stderr.write(`${problem}\n`)
      process.exit(1)
    }
  }
  let storage: BoardStorage
  try {
    storage = openStorage(config, log)
  } catch (e) {
    process.stderr.write(`DATA_DIR=${JSON.stringify(config.dataDir)}: cannot open the board database: ${(e as Error).message}\n`)
    process.exit(1)
  }
  const overlap = createOverlapServer({ config, storage, log })
  let url: string
  try {
    ;({ url } = await overlap.listen())
  } catch (e) {
    const message = describeListenError(e, config.host, config.port)
    if (message === null) throw e
    process.stderr.write(`${message}\n`)
    await storage.close()
    process.exit(1)
  }
  log.info('listening', { url, publicUrl: config.publicUrl ?? url, storage: config.storage, dataDir: config.dataDir })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    try {
      await overlap.close()
      await storage.close()
      log.info('stopped')
      process.exit(0)
    } catch (e) {
      log.error('shutdown failed', { err: e })
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((e: unknown) => {
  process.stderr.write(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
