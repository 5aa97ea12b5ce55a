import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../testing/memoryStorage'
import { createIdentityStorage, IDENTITY_STORAGE_KEY, normalizeName, parseIdentity, randomUserId } from './identityStore'

describe('identity', () => {
  it('round-trips through localStorage under overlap:identity', () => {
    const storage = createMemoryStorage()
    const ids = createIdentityStorage(storage)
    expect(ids.load()).toBeNull()
    const me = { id: randomUserId(), name: 'Ada', color: '#1971c2' }
    ids.save(me)
    expect(JSON.parse(storage.getItem(IDENTITY_STORAGE_KEY)!)).toEqual(me)
    expect(createIdentityStorage(storage).load()).toEqual(me)
  })

  it('gives every new user a different stable id', () => {
    const a = randomUserId()
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(randomUserId()).not.toBe(a)
  })

  it.each([
    ['no id', { name: 'A', color: '#000000' }],
    ['blank name', { id: 'abcdefgh12', name: '   ', color: '#000000' }],
    ['css injection in colour', { id: 'abcdefgh12', name: 'A', color: 'red;background:url(x)' }],
    ['id with slash', { id: 'abc/defgh12', name: 'A', color: '#000000' }],
  ])('treats a stored identity with %s as absent', (_label, raw) => {
    expect(parseIdentity(raw)).toBeNull()
  })

  it('normalises names (whitespace, length)', () => {
    expect(normalizeName('  Ada   Lovelace ')).toBe('Ada Lovelace')
    expect(normalizeName('x'.repeat(100))).toHaveLength(40)
  })

  it('treats unreadable storage as no identity', () => {
    const storage = createMemoryStorage({ [IDENTITY_STORAGE_KEY]: '{oops' })
    expect(createIdentityStorage(storage).load()).toBeNull()
  })
})

describe('[A9] the side picked at join', () => {
  it('[A9] keeps a known side, drops an unknown one (the identity stays valid)', () => {
    const base = { id: 'abcdefgh12', name: 'Ada', color: '#1971c2' }
    expect(parseIdentity({ ...base, side: 'engineering' })).toEqual({ ...base, side: 'engineering' })
    expect(parseIdentity({ ...base, side: 'sales' })).toEqual(base)
  })
})
