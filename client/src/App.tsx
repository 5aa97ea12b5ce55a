import { lazy, Suspense } from 'react'
import { BoardNotFound } from './board/BoardNotFound'
import { HomePage } from './home/HomePage'
import { IdentityProvider } from './identity/IdentityContext'
import { parseRoute, usePathname } from './routes'
import type { BoardPrefetch } from './board/boardPrefetch'

// tldraw is ~2 MB of JavaScript: load it only when a board is opened, so the home page is instant.
const BoardPage = lazy(() => import('./board/BoardPage').then((m) => ({ default: m.BoardPage })))
const SnapshotPage = lazy(() => import('./history/SnapshotPage').then((m) => ({ default: m.SnapshotPage })))

/** `boardPrefetch`: started by main.tsx for the board the page was opened on (boardPrefetch.ts). */
export function App({ boardPrefetch = null }: { boardPrefetch?: Promise<BoardPrefetch> | null }) {
  const route = parseRoute(usePathname())
  return (
    <IdentityProvider>
      {route.page === 'home' && <HomePage />}
      {route.page === 'board' && (
        <Suspense fallback={<div className="ov-loading">Loading board…</div>}>
          <BoardPage key={route.boardId} boardId={route.boardId} prefetch={boardPrefetch} />
        </Suspense>
      )}
      {route.page === 'snapshot' && (
        <Suspense fallback={<div className="ov-loading">Loading snapshot…</div>}>
          <SnapshotPage key={`${route.boardId}/${route.snapshotId}`} boardId={route.boardId} snapshotId={route.snapshotId} />
        </Suspense>
      )}
      {route.page === 'not-found' && <BoardNotFound />}
    </IdentityProvider>
  )
}
