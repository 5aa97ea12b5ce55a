import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'
import { App } from './App'
import { parseRoute } from './routes'

// A board link starts loading the board right away, in parallel with the editor's JavaScript.
const first = parseRoute(window.location.pathname)
const boardPrefetch =
  first.page === 'board' ? import('./board/boardPrefetch').then((m) => m.startBoardPrefetch(first.boardId)) : null

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')
createRoot(root).render(
  <StrictMode>
    <App boardPrefetch={boardPrefetch} />
  </StrictMode>
)
