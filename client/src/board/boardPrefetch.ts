/**
 * Opening a board link starts the board's network work at once, from a small chunk loaded beside
 * the editor's: the metadata lookup (`GET /api/boards/<id>`) and the connection (IndexedDB copy,
 * socket, sync). Evaluating tldraw takes a few hundred milliseconds on a laptop; by the time the
 * editor exists the board is usually in the doc (first paint, issue 2).
 *
 * The page takes the connection over (`takeConnection`, once); if it never does (not found, link
 * invalid, the user went elsewhere) `dispose` closes it.
 */
import { getBoard, type GetBoardResult } from '../api/boardsApi'
import { boardToken, ensureTokenInUrl } from '../access/boardAccess'
import { openBoardConnection, syncUrlFor, type BoardConnection } from './boardConnection'

export interface BoardPrefetch {
  readonly boardId: string
  readonly lookup: Promise<GetBoardResult>
  /** The open connection, the first time only; null afterwards or once disposed. */
  takeConnection(): BoardConnection | null
  /** Closes the connection unless it was taken; `forgetLocal` for a board that does not exist. */
  dispose(opts?: { forgetLocal?: boolean }): void
}

export function startBoardPrefetch(boardId: string): BoardPrefetch {
  // `?token=` is remembered for this board; a plain `/b/<id>` (recent list) gets it back [A8].
  ensureTokenInUrl(boardId)
  const lookup = getBoard(boardId)
  let connection: BoardConnection | null = openBoardConnection({
    boardId,
    syncUrl: syncUrlFor(window.location),
    token: boardToken(boardId),
  })
  return {
    boardId,
    lookup,
    takeConnection() {
      const c = connection
      connection = null
      return c
    },
    dispose(opts) {
      connection?.dispose(opts)
      connection = null
    },
  }
}
