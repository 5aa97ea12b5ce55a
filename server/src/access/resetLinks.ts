/**
 * Gives a board three fresh links ([A1]) — for boards stored before links existed (they have none, so
 * nothing opens them) or when every link leaked. Old tokens stop working; sockets of a running server
 * are not closed (run it while the server is stopped, or rotate through the API instead).
 */
import { ROLES, boardLink, type BoardId, type BoardLinks } from '@overlap/shared'
import type { BoardStorage } from '../storage/BoardStorage.js'
import { createAccessService } from './accessService.js'

export async function resetBoardLinks(storage: BoardStorage, boardId: BoardId, publicUrl: string): Promise<BoardLinks | null> {
  if ((await storage.getBoard(boardId)) === null) return null
  const access = createAccessService({ storage })
  const links = {} as BoardLinks
  for (const role of ROLES) links[role] = boardLink(publicUrl, boardId, await access.rotate(boardId, role))
  return links
}
