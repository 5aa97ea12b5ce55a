import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateBoardId } from '@overlap/shared'
import { createMemoryStorage } from '../storage/MemoryStorage.js'
import { createAccessService } from './accessService.js'
import { resetBoardLinks } from './resetLinks.js'

describe('[A1] resetting a board’s links (boards stored before links existed)', () => {
  it('[A1] a board without links gets three working links; unknown boards get none', async () => {
    const storage = createMemoryStorage()
    const id = generateBoardId()
    await storage.createBoard({ id, name: 'old', createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc()))
    const access = createAccessService({ storage })
    expect(await access.authorize(id, 'A'.repeat(43))).toEqual({ kind: 'unauthorized' })
    const links = await resetBoardLinks(storage, id, 'https://x.org')
    expect(links).not.toBeNull()
    for (const role of ['facilitator', 'edit', 'view'] as const) {
      const token = new URL(links![role]).searchParams.get('token')
      expect(await access.authorize(id, token)).toMatchObject({ kind: 'granted', role })
    }
    expect(await resetBoardLinks(storage, generateBoardId(), 'https://x.org')).toBeNull()
    await storage.close()
  })
})
