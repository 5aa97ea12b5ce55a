import { parseBoardId } from '@overlap/shared/boardId'
import { useSyncExternalStore } from 'react'

/** The pages; anything else is "not found". No router library: three routes do not need one. */
export type Route =
  | { page: 'home' }
  | { page: 'board'; boardId: string }
  | { page: 'snapshot'; boardId: string; snapshotId: string }
  | { page: 'not-found' }

/** Snapshot ids are server-made; anything outside this alphabet is not one (and never reaches a URL). */
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,100}$/

export const snapshotPath = (boardId: string, snapshotId: string) =>
  `/b/${encodeURIComponent(boardId)}/s/${encodeURIComponent(snapshotId)}`

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' }
  const m = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (m) {
    const id = parseBoardId(decodeURIComponent(m[1]))
    return id ? { page: 'board', boardId: id } : { page: 'not-found' }
  }
  const s = /^\/b\/([^/]+)\/s\/([^/]+)\/?$/.exec(pathname)
  if (s) {
    const id = parseBoardId(decodeURIComponent(s[1]))
    const sid = decodeURIComponent(s[2])
    return id && SNAPSHOT_ID.test(sid) ? { page: 'snapshot', boardId: id, snapshotId: sid } : { page: 'not-found' }
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
