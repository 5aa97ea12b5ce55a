import 'tldraw/tldraw.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import { getBoard, type GetBoardResult } from '../api/boardsApi'
import { createRecentBoards } from '../home/recentBoards'
import { useIdentity } from '../identity/IdentityContext'
import { BoardEditor } from './BoardEditor'
import { BoardNotFound } from './BoardNotFound'
import { LinkInvalid } from './LinkInvalid'
import { ensureTokenInUrl, roleOfStoredToken } from '../access/boardAccess'
import type { BoardConnection } from './boardConnection'
import type { BoardPrefetch } from './boardPrefetch'

type Lookup = { kind: 'loading' } | GetBoardResult

/**
 * `/b/<id>`: asks the server whether the board exists before opening anything (no IndexedDB
 * database or socket for a mistyped link). If the server cannot be reached we still open the
 * board: this device may hold it in IndexedDB, and the socket reports NotFound if need be.
 */
export function BoardPage({ boardId, prefetch = null }: { boardId: string; prefetch?: Promise<BoardPrefetch> | null }) {
  const { identity } = useIdentity()
  const recent = useMemo(() => createRecentBoards(), [])
  const [lookup, setLookup] = useState<Lookup>({ kind: 'loading' })
  // The connection opened while the editor's code loaded, handed to the editor once.
  const connection = useRef<BoardConnection | null>(null)

  useEffect(() => {
    let cancelled = false
    setLookup({ kind: 'loading' })
    // `?token=` is remembered for this board; a plain `/b/<id>` (recent list) gets it back [A8].
    ensureTokenInUrl(boardId)
    let early: BoardPrefetch | null = null
    void (async () => {
      const pre = prefetch ? await prefetch.catch(() => null) : null
      early = pre?.boardId === boardId ? pre : null
      const result = early ? await early.lookup : await getBoard(boardId)
      if (cancelled) {
        void early?.dispose()
        return
      }
      if (result.kind === 'found') recent.touch({ id: boardId, name: result.board.name })
      if (result.kind === 'not-found' || result.kind === 'unauthorized') void early?.dispose({ forgetLocal: result.kind === 'not-found' })
      else connection.current = early?.takeConnection() ?? null
      setLookup(result)
    })()
    return () => {
      cancelled = true
      // Never taken (the page went away first): close it rather than leave a socket open.
      void early?.dispose()
    }
  }, [boardId, recent, prefetch])

  useEffect(() => {
    if (lookup.kind === 'found') document.title = `${lookup.board.name} · Overlap`
    return () => {
      document.title = 'Overlap'
    }
  }, [lookup])

  if (lookup.kind === 'not-found') return <BoardNotFound />
  if (lookup.kind === 'unauthorized') return <LinkInvalid />
  if (lookup.kind === 'loading' || identity === null) {
    return <div className="ov-loading">Loading board…</div>
  }
  const name = lookup.kind === 'found' ? lookup.board.name : (recent.list().find((b) => b.id === boardId)?.name ?? 'Board')
  // Offline (lookup failed): the socket decides what is allowed. The role shown and published in
  // awareness is the one of the stored link carrying this token (a facilitator's own board), else edit.
  const role = lookup.kind === 'found' ? lookup.board.role : (roleOfStoredToken(boardId) ?? 'edit')
  return <BoardEditor key={boardId} boardId={boardId} boardName={name} identity={identity} role={role} connection={connection} />
}
