import { parseBoardId } from '@overlap/shared'
import { useSyncExternalStore } from 'react'

/** The two pages; anything else is "not found". No router library: two routes do not need one. */
export type Route = { page: 'home' } | { page: 'board'; boardId: string } | { page: 'not-found' }

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' }
  const m = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (m) {
    const id = parseBoardId(decodeURIComponent(m[1]))
    return id ? { page: 'board', boardId: id } : { page: 'not-found' }
  }
  return { page: 'not-found' }
}

const NAVIGATE_EVENT = 'overlap:navigate'

export function navigate(path: string) {
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}
