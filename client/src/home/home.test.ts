import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../testing/memoryStorage'
import { parseBoardLink } from './parseBoardLink'
import { createRecentBoards, MAX_RECENT_BOARDS, RECENT_BOARDS_KEY } from './recentBoards'

const ID = 'wZ2WeJzWkrw7rjCkxwqpww'
const ID2 = '2qn5XfYIphruHw-Jf2axqA'

describe('joining by link or id', () => {
  it.each([
    ['bare id', ID],
    ['id with spaces', `  ${ID}\n`],
    ['full link', `https://overlap.example.com/b/${ID}`],
    ['link with trailing slash and query', `http://10.0.0.2:8787/b/${ID}/?x=1#y`],
    ['path', `/b/${ID}`],
  ])('accepts a %s', (_label, input) => {
    expect(parseBoardLink(input)).toBe(ID)
  })

  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['other path', `https://x.example/c/${ID}`],
    ['traversal', `/b/../../${ID}x`],
  ])('refuses %s', (_label, input) => {
    expect(parseBoardLink(input)).toBeNull()
  })
})

describe('recent boards', () => {
  it('keeps the newest first, one entry per board', () => {
    const recent = createRecentBoards(createMemoryStorage())
    recent.touch({ id: ID, name: 'One' }, 1000)
    recent.touch({ id: ID2, name: 'Two' }, 2000)
    recent.touch({ id: ID, name: 'One renamed' }, 3000)
    expect(recent.list()).toEqual([
      { id: ID, name: 'One renamed', lastOpened: 3000 },
      { id: ID2, name: 'Two', lastOpened: 2000 },
    ])
    recent.remove(ID)
    expect(recent.list().map((b) => b.id)).toEqual([ID2])
  })

  it('drops malformed entries and survives garbage', () => {
    const storage = createMemoryStorage({
      [RECENT_BOARDS_KEY]: JSON.stringify([{ id: '../etc', name: 'x', lastOpened: 1 }, { id: ID, name: 'ok', lastOpened: 2 }, null, 42]),
    })
    expect(createRecentBoards(storage).list()).toEqual([{ id: ID, name: 'ok', lastOpened: 2 }])
    storage.setItem(RECENT_BOARDS_KEY, '{not json')
    expect(createRecentBoards(storage).list()).toEqual([])
  })

  it(`is capped at ${MAX_RECENT_BOARDS}`, () => {
    const recent = createRecentBoards(createMemoryStorage())
    for (let i = 0; i < MAX_RECENT_BOARDS + 5; i++) recent.touch({ id: `${'A'.repeat(20)}${String(i).padStart(2, '0')}`, name: `b${i}` }, i)
    expect(recent.list()).toHaveLength(MAX_RECENT_BOARDS)
    expect(recent.list()[0].name).toBe(`b${MAX_RECENT_BOARDS + 4}`)
  })
})
