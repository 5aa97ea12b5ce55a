/**
 * Boards this browser opened recently, newest first, in localStorage (`overlap:recent-boards`).
 * Only a convenience list: it is never trusted for access, and malformed entries are dropped.
 */
import { parseBoardId } from '@overlap/shared/boardId'

export interface RecentBoard {
  id: string
  name: string
  /** ms since epoch */
  lastOpened: number
}

export const RECENT_BOARDS_KEY = 'overlap:recent-boards'
export const MAX_RECENT_BOARDS = 20

function parseEntry(raw: unknown): RecentBoard | null {
  if (raw === null || typeof raw !== 'object') return null
  const { id, name, lastOpened } = raw as Record<string, unknown>
  const boardId = parseBoardId(id)
  if (boardId === null || typeof name !== 'string' || typeof lastOpened !== 'number') return null
  return { id: boardId, name: name.slice(0, 200), lastOpened }
}

export function createRecentBoards(storage: Storage = window.localStorage) {
  function list(): RecentBoard[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(RECENT_BOARDS_KEY) ?? '[]')
      if (!Array.isArray(parsed)) return []
      return parsed
        .map(parseEntry)
        .filter((b): b is RecentBoard => b !== null)
        .sort((a, b) => b.lastOpened - a.lastOpened)
    } catch {
      return []
    }
  }

  function write(boards: RecentBoard[]) {
    try {
      storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(boards.slice(0, MAX_RECENT_BOARDS)))
    } catch {
      // Storage full or disabled (private mode): the recent list is optional.
    }
  }

  return {
    list,
    touch(board: { id: string; name: string }, now = Date.now()) {
      write([{ id: board.id, name: board.name, lastOpened: now }, ...list().filter((b) => b.id !== board.id)])
    },
    remove(id: string) {
      write(list().filter((b) => b.id !== id))
    },
  }
}

export type RecentBoards = ReturnType<typeof createRecentBoards>
