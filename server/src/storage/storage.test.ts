import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createMemoryStorage } from './MemoryStorage.js'
import { createSqliteStorage } from './SqliteStorage.js'
import { runStorageContract } from './storageContract.js'

runStorageContract('memory', { create: async () => createMemoryStorage() })

let dir: string | null = null
runStorageContract('sqlite', {
  async create() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-storage-'))
    return createSqliteStorage({ file: path.join(dir, 'overlap.sqlite') })
  },
  async reopen(storage) {
    await storage.close()
    return createSqliteStorage({ file: path.join(dir!, 'overlap.sqlite') })
  },
  async cleanup() {
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    dir = null
  },
})
