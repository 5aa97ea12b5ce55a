import { describe, expect, it } from 'vitest'
import { parseRoute, snapshotPath } from '../routes'

describe('snapshot route', () => {
  it('parses /b/<id>/s/<sid> and round-trips snapshotPath', () => {
    const boardId = 'Vx3abcdefghijklmnopqrs'
    const board = parseRoute(`/b/${boardId}`)
    expect(board.page).toBe('board')
    if (board.page !== 'board') return
    expect(parseRoute(snapshotPath(board.boardId, 'Nl2yxcGkTU4zmiJk'))).toEqual({ page: 'snapshot', boardId: board.boardId, snapshotId: 'Nl2yxcGkTU4zmiJk' })
    expect(parseRoute(`${snapshotPath(board.boardId, 'abc')}/`)).toMatchObject({ page: 'snapshot', snapshotId: 'abc' })
  })
  it('refuses malformed snapshot ids and extra segments', () => {
    const boardId = 'Vx3abcdefghijklmnopqrs'
    expect(parseRoute(`/b/${boardId}/s/a%20b`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`/b/${boardId}/s/`)).toEqual({ page: 'not-found' })
    expect(parseRoute(`/b/${boardId}/s/abc/extra`)).toEqual({ page: 'not-found' })
  })
})
