import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { prepareDataDir } from './dataDir.js'

describe('DATA_DIR is checked before storage opens it', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-datadir-'))

  it('creates missing levels and accepts an existing writable directory', () => {
    const dir = path.join(tmp(), 'a', 'b', 'c')
    expect(prepareDataDir(dir)).toBeNull()
    expect(fs.statSync(dir).isDirectory()).toBe(true)
    expect(prepareDataDir(dir)).toBeNull()
  })

  it('names DATA_DIR when it is a file, lies under a file, or cannot be created (no endless retry on /proc)', () => {
    const file = path.join(tmp(), 'plain-file')
    fs.writeFileSync(file, 'x')
    expect(prepareDataDir(file)).toMatch(/^DATA_DIR=".*plain-file": .* is not a directory/)
    expect(prepareDataDir(path.join(file, 'data'))).toMatch(/is not a directory/)
    if (process.platform === 'linux') expect(prepareDataDir('/proc/overlap-x')).toMatch(/^DATA_DIR="\/proc\/overlap-x": cannot create \/proc\/overlap-x/)
  })
})
