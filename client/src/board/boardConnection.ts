/**
 * The network half of an open board: its Y.Doc, the IndexedDB copy and the WebSocket provider,
 * with the unsaved-changes tracker that must see the server's very first message.
 *
 * Split from the session (tldraw store, binding, presence) so it can start before tldraw's ~2 MB
 * of JavaScript has even been evaluated: the page opens the connection from a small chunk while
 * the editor chunk loads, and the board's content is usually in the doc by the time the editor
 * exists (first paint, issue 2). Nothing here imports tldraw.
 *
 * Order: the socket connects only once the local copy is in the doc, so the first sync step 1
 * carries its state vector and the server sends just what this browser lacks. On a first visit
 * there is no copy, and index.html's inline script has already opened the socket and asked for the
 * whole board (`earlySocketScript.ts`): the provider adopts it at once.
 */
import { isRetryableClose } from '@overlap/shared/closeCodes'
import { installYjsPatches } from '@overlap/shared/yjsPatches'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { hasEarlySocket, webSocketClass } from './earlySocket'
import { createPendingTracker, type PendingTracker } from './pendingUpdates'

/** What IndexedDB gave: nothing yet, an empty copy, this board's records, or no IndexedDB at all. */
export type LocalCopy = 'loading' | 'empty' | 'restored' | 'unavailable'

export interface BoardConnection {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly pending: PendingTracker
  getLocalCopy(): LocalCopy
  /** Resolves once IndexedDB answered (or failed); never rejects. */
  readonly whenLocalLoaded: Promise<LocalCopy>
  /** The last close the client will not retry, remembered for a session that subscribes late. */
  getFatalClose(): { code: number; reason: string } | null
  /**
   * Closes the socket and the local copy; `forgetLocal` also deletes this board's IndexedDB copy.
   * Resolves once IndexedDB is done with it (a reload right after must not find the copy again).
   */
  dispose(opts?: { forgetLocal?: boolean }): Promise<void>
}

/** Connect without the local copy if IndexedDB has not answered by then. */
const IDB_CONNECT_FALLBACK_MS = 3000

export function openBoardConnection(opts: {
  boardId: string
  /** WebSocket base, e.g. `wss://host/sync`; the provider appends `/<boardId>`. */
  syncUrl: string
  /** The link token, sent as y-websocket `params` (`/sync/<id>?token=`) [A3]. */
  token?: string | null
  log?: (msg: string, data?: unknown) => void
}): BoardConnection {
  const { boardId } = opts
  const log = opts.log ?? ((msg: string, data?: unknown) => console.info(`[overlap] ${msg}`, data ?? ''))
  // Before the first update reaches the doc (IndexedDB and the socket both apply before any binding).
  installYjsPatches()
  const doc = new Y.Doc()
  const idb = new IndexeddbPersistence(`overlap:${boardId}`, doc)
  const provider = new WebsocketProvider(opts.syncUrl, boardId, doc, {
    connect: false,
    params: opts.token ? { token: opts.token } : {},
    shouldReconnect: (event) => isRetryableClose(event.code),
    WebSocketPolyfill: webSocketClass(window),
  })
  const pending = createPendingTracker({
    doc,
    provider,
    isRemoteOrigin: (origin) => origin === provider,
    isRestoreOrigin: (origin) => origin === idb,
  })

  let fatalClose: { code: number; reason: string } | null = null
  const onClosed = (event: { code: number; reason: string }) => {
    if (!isRetryableClose(event.code)) fatalClose = { code: event.code, reason: event.reason }
  }
  provider.on('closed', onClosed)

  const offAwarenessClocks = keepAwarenessClocksAhead(provider)

  let disposed = false
  let connectRequested = false
  const connectOnce = () => {
    if (connectRequested || disposed) return
    connectRequested = true
    provider.connect()
  }

  let local: LocalCopy = 'loading'
  const whenLocalLoaded = idb.whenSynced.then(
    (): LocalCopy => {
      if (disposed) return local
      // Edits made offline in an earlier visit, which may never have reached the server, are counted
      // by the tracker as they load (isRestoreOrigin).
      local = doc.getMap('records').size > 0 ? 'restored' : 'empty'
      connectOnce()
      return local
    },
    (err: unknown): LocalCopy => {
      log('local copy unavailable (IndexedDB); continuing online only', err)
      local = 'unavailable'
      connectOnce()
      return local
    }
  )
  // A browser without working IndexedDB (some private modes) may never answer: do not wait forever.
  const idbFallback = setTimeout(connectOnce, IDB_CONNECT_FALLBACK_MS)
  // A first visit: the early socket is asking for the whole board already; nothing local to wait for.
  // (Should IndexedDB hold something after all, it is merged and sent as an ordinary update.)
  if (hasEarlySocket(window, provider.url)) connectOnce()

  return {
    boardId,
    doc,
    provider,
    pending,
    getLocalCopy: () => local,
    whenLocalLoaded,
    getFatalClose: () => fatalClose,
    async dispose({ forgetLocal = false } = {}) {
      if (disposed) return
      disposed = true
      clearTimeout(idbFallback)
      provider.off('closed', onClosed)
      offAwarenessClocks()
      pending.dispose()
      provider.awareness.setLocalState(null)
      provider.destroy()
      // A mistyped link must not leave an empty database behind.
      const closing = forgetLocal ? idb.clearData() : idb.destroy()
      doc.destroy()
      await closing
    },
  }
}

/**
 * y-protocols awareness applies a state only if its clock is newer than the one already held. When a
 * socket closes, the server broadcasts the removal of that tab's state at clock + 1, and a peer whose
 * own socket closed removes everyone else the same way. So after a reconnect:
 * - our unchanged state, re-sent by y-websocket with its old clock, is ignored by the server and the
 *   others (an idle person stayed missing until the 15 s renewal): bump it twice, past the removal;
 * - the states the server sends us on joining carry clocks our removals already passed: forget the
 *   clocks of the peers we removed, so they are taken as new.
 */
function keepAwarenessClocksAhead(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'disconnected') forgetRemovedPeers(awareness)
    // After this 'open' handler has sent sync step 1, so the server sees the usual order.
    if (status === 'connected') queueMicrotask(() => reannounceLocalState(provider))
  }
  provider.on('status', onStatus)
  return () => provider.off('status', onStatus)
}

function reannounceLocalState(provider: WebsocketProvider): void {
  const { awareness } = provider
  const state = awareness.getLocalState()
  if (!provider.wsconnected || state === null) return
  // Each call is one clock step, broadcast: old + 2 is newer than the server's removal (old + 1).
  awareness.setLocalState({ ...state })
  awareness.setLocalState({ ...state })
}

function forgetRemovedPeers(awareness: WebsocketProvider['awareness']): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId)
  }
}

export function syncUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`
}
