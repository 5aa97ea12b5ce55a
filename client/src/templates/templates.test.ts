import { TEMPLATES } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../testing/memoryStorage'
import { clearNewEmptyBoard, isNewEmptyBoard, markNewEmptyBoard } from './newBoardFlag'
import { matchesQuery } from './templateSearch'

describe('gallery search', () => {
  it('finds the Problem web by words in any order and any case', () => {
    const hits = TEMPLATES.filter((t) => matchesQuery(t, 'WEB problem'))
    expect(hits.map((t) => t.id)).toContain('problem-web')
  })
  it('an empty query matches everything; nonsense matches nothing', () => {
    expect(TEMPLATES.filter((t) => matchesQuery(t, '  '))).toHaveLength(TEMPLATES.length)
    expect(TEMPLATES.filter((t) => matchesQuery(t, 'zzzqqq'))).toHaveLength(0)
  })
})

describe('new empty board flag', () => {
  it('is set for one board until cleared', () => {
    const s = createMemoryStorage()
    expect(isNewEmptyBoard('b1', s)).toBe(false)
    markNewEmptyBoard('b1', s)
    expect(isNewEmptyBoard('b1', s)).toBe(true)
    expect(isNewEmptyBoard('b2', s)).toBe(false)
    expect(isNewEmptyBoard('b1', s)).toBe(true) // reading does not consume (React may render twice)
    clearNewEmptyBoard('b1', s)
    expect(isNewEmptyBoard('b1', s)).toBe(false)
  })
  it('does nothing without storage', () => {
    markNewEmptyBoard('b1', null)
    expect(isNewEmptyBoard('b1', null)).toBe(false)
  })
})
