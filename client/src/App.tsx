import { BoardNotFound } from './board/BoardNotFound'
import { BoardPage } from './board/BoardPage'
import { HomePage } from './home/HomePage'
import { IdentityProvider } from './identity/IdentityContext'
import { parseRoute, usePathname } from './routes'

export function App() {
  const route = parseRoute(usePathname())
  return (
    <IdentityProvider>
      {route.page === 'home' && <HomePage />}
      {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
      {route.page === 'not-found' && <BoardNotFound />}
    </IdentityProvider>
  )
}
