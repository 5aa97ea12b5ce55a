import { parseBoardId, type BoardId } from '@overlap/shared/boardId'

/**
 * Accepts what people paste into "join a board": a bare board id, a full share link
 * (`https://host/b/<id>`), or a path (`/b/<id>`). Returns the id, or null.
 */
export function parseBoardLink(input: string): BoardId | null {
  const text = input.trim()
  const direct = parseBoardId(text)
  if (direct) return direct
  const match = /(?:^|\/)b\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(text)
  return match ? parseBoardId(match[1]) : null
}
