import { useEffect, useState, useSyncExternalStore } from 'react'
import { getConfig } from '../config'
import { boardToken } from '../access/boardAccess'
import type { Identity } from '../identity/identityStore'
import { createAssetStore } from './assetStore'
import type { BoardConnection } from './boardConnection'
import { createBoardSession, LOADING_SNAPSHOT, syncUrlFor, type BoardSession, type BoardSessionSnapshot } from './boardSession'

const noopSubscribe = () => () => {}

/**
 * Opens a board session for the lifetime of the component (one per board id) and re-renders on
 * its state changes. Upload errors are routed to `onAssetError` (a toast, once the editor UI is up).
 */
export function useBoardConnection(
  boardId: string,
  identity: Identity,
  onAssetError: (message: string) => void,
  viewOnly = false,
  /** Taken (set to null) by the first session: a connection belongs to one session. */
  early?: { current: BoardConnection | null }
): { session: BoardSession | null; state: BoardSessionSnapshot } {
  const [session, setSession] = useState<BoardSession | null>(null)

  useEffect(() => {
    const connection = early?.current ?? null
    if (early) early.current = null
    const s = createBoardSession({
      connection,
      boardId,
      identity,
      syncUrl: syncUrlFor(window.location),
      token: boardToken(boardId),
      viewOnly,
      assets: createAssetStore({ boardId, maxUploadBytes: getConfig().maxUploadBytes, onError: (m) => onAssetError(m) }),
    })
    setSession(s)
    return () => {
      void s.dispose()
      setSession(null)
    }
    // The identity is pushed into the live session below; re-creating the session on a rename
    // would drop the connection. onAssetError is read through a stable wrapper by the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId])

  useEffect(() => {
    session?.setIdentity(identity)
  }, [session, identity])

  const state = useSyncExternalStore(session?.subscribe ?? noopSubscribe, session?.getSnapshot ?? (() => LOADING_SNAPSHOT))
  return { session, state }
}
