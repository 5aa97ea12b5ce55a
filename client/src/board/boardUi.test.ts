import { describe, expect, it } from 'vitest'
import { checkUpload, formatBytes } from './assetStore'
import { describeSync, describeSyncShort } from './describeSync'
import { parsePeerPresence, presenceIdFor } from './presence'

describe('sync state wording', () => {
  it.each([
    [{ status: 'connecting', pending: 0, serverRestarting: false }, 'Connecting…'],
    [{ status: 'live', pending: 0, serverRestarting: false }, 'All changes saved'],
    [{ status: 'live', pending: 2, serverRestarting: false }, 'Saving 2…'],
    [{ status: 'offline', pending: 1, serverRestarting: false }, 'Offline — 1 unsaved change'],
    [{ status: 'offline', pending: 3, serverRestarting: false }, 'Offline — 3 unsaved changes'],
    [{ status: 'offline', pending: 0, serverRestarting: true }, 'Server restarting, reconnecting…'],
  ] as const)('%o → %s', (state, text) => {
    expect(describeSync(state)).toBe(text)
  })
})

describe('sync state in a word or two (narrow screens)', () => {
  it.each([
    [{ status: 'connecting', pending: 0, serverRestarting: false }, 'Connecting…'],
    [{ status: 'live', pending: 0, serverRestarting: false }, 'Saved'],
    [{ status: 'live', pending: 2, serverRestarting: false }, 'Saving 2…'],
    [{ status: 'offline', pending: 3, serverRestarting: false }, 'Offline · 3 unsaved'],
    [{ status: 'offline', pending: 0, serverRestarting: false }, 'Offline'],
    [{ status: 'offline', pending: 1, serverRestarting: true }, 'Restarting · 1 unsaved'],
  ] as const)('%o → %s', (state, text) => {
    expect(describeSyncShort(state)).toBe(text)
  })
})

describe('uploads', () => {
  it('accepts images under the limit only', () => {
    expect(checkUpload({ type: 'image/png', size: 10 }, 100)).toBeNull()
    expect(checkUpload({ type: 'image/png', size: 101 }, 100)).toMatch(/limit/)
    expect(checkUpload({ type: 'application/pdf', size: 1 }, 100)).toMatch(/Only images/)
    expect(checkUpload({ type: 'text/html', size: 1 }, 100)).not.toBeNull()
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
  })
})

describe('incoming presence', () => {
  const valid = {
    userId: 'user:abc',
    userName: 'Ada',
    color: '#1971c2',
    currentPageId: 'page:page',
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 800, h: 600 },
    cursor: { x: 1, y: 2, type: 'default', rotation: 0 },
    lastActivityTimestamp: 1,
    followingUserId: null,
    chatMessage: '',
    brush: null,
    scribbles: [],
    selectedShapeIds: [],
    meta: {},
  }

  it('is keyed by the sender’s awareness id, whatever id it claims', () => {
    const rec = parsePeerPresence(42, { presence: { ...valid, id: presenceIdFor(7), typeName: 'instance_presence' } })
    expect(rec?.id).toBe(presenceIdFor(42))
    expect(rec?.userName).toBe('Ada')
  })

  it('rejects malformed presence instead of throwing into the store', () => {
    expect(parsePeerPresence(1, null)).toBeNull()
    expect(parsePeerPresence(1, { presence: null })).toBeNull()
    expect(parsePeerPresence(1, { presence: { ...valid, cursor: { x: 'NaN' } } })).toBeNull()
    expect(parsePeerPresence(1, { presence: { ...valid, camera: 'x' } })).toBeNull()
  })
})
