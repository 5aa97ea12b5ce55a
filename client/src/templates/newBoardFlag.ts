/**
 * "This tab just created this board, empty": the board page opens the template gallery once for such
 * a board. Other people opening the same empty board are not interrupted, and a board created with a
 * template is not empty. sessionStorage: the flag
 * is cleared when the gallery is closed or used (not on read: React may render twice).
 */
const KEY_PREFIX = 'overlap:new-empty-board:'

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function storage(): StorageLike | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

export function markNewEmptyBoard(boardId: string, s: StorageLike | null = storage()): void {
  s?.setItem(KEY_PREFIX + boardId, '1')
}

export function isNewEmptyBoard(boardId: string, s: StorageLike | null = storage()): boolean {
  return s?.getItem(KEY_PREFIX + boardId) != null
}

/** Once the gallery was dismissed or used, the board is no longer "new". */
export function clearNewEmptyBoard(boardId: string, s: StorageLike | null = storage()): void {
  s?.removeItem(KEY_PREFIX + boardId)
}
