/**
 * One open board: its connection (Y.Doc, IndexedDB copy, WebSocket provider, unsaved-changes count;
 * see boardConnection.ts), the tldraw store, the binding between them and presence. The connection
 * may have been opened earlier, before tldraw loaded (boardPrefetch.ts): the session then catches up
 * with whatever already happened (local copy loaded, server synced, fatal close).
 *
 * Lifecycle (`phase`): `loading` → `ready` (doc loaded and bound), or `not-found` (the server
 * closed with NotFound). The store is bound only once the doc is loaded — the server's sync
 * step 2 arrived, or IndexedDB already held this board — so opening a board writes nothing: a
 * binding started on an empty doc would seed it with a fresh page and race the real content.
 *
 * A plain factory with a subscribe/getSnapshot pair, so React (useSyncExternalStore) is only a
 * viewer and tests or e2e hooks can drive it without rendering.
 */
import { CloseCode, isRetryableClose } from '@overlap/shared'
import {
  atom,
  computed,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  UserRecordType,
  type Signal,
  type TLAssetStore,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { Identity } from '../identity/identityStore'
import { bindBoardStore, type BindStoreToDoc, type BoardBinding, type ReadonlyReason } from './binding'
import { openBoardConnection, type BoardConnection } from './boardConnection'
import { createPresenceSync, type PresenceSync } from './presence'

export type SyncStatus = 'connecting' | 'live' | 'offline'

export interface BoardSessionSnapshot {
  /** `unauthorized`: the server closed with 4401 (no token, or the link was rotated) [A8]. */
  phase: 'loading' | 'ready' | 'not-found' | 'unauthorized'
  status: SyncStatus
  /** Local changes not yet confirmed stored by the server. */
  pending: number
  /** The last close was the server restarting: we are reconnecting. */
  serverRestarting: boolean
  /** A close the client will not retry (e.g. unauthorized), shown to the user. */
  fatalClose: { code: number; reason: string } | null
  readonlyReason: ReadonlyReason
}

export interface BoardSession {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  readonly store: TLStore
  readonly $user: Signal<TLUser | null>
  getBinding(): BoardBinding | null
  getSnapshot(): BoardSessionSnapshot
  subscribe(cb: () => void): () => void
  setIdentity(identity: Identity): void
  /** `forgetLocal`: also delete this board's local copy (unsaved changes included); resolves when gone. */
  dispose(opts?: { forgetLocal?: boolean }): Promise<void>
}

/** What a board looks like before anything is known about it. */
export const LOADING_SNAPSHOT: BoardSessionSnapshot = {
  phase: 'loading',
  status: 'connecting',
  pending: 0,
  serverRestarting: false,
  fatalClose: null,
  readonlyReason: null,
}

/** After this many failed connection attempts in a row, say "offline" rather than "connecting". */
const ATTEMPTS_BEFORE_OFFLINE = 3
/** How long after a "server restarting" close (1012) the status says so, before it says offline. */
export const SERVER_RESTART_GRACE_MS = 15_000

export function createBoardSession(opts: {
  boardId: string
  identity: Identity
  assets: TLAssetStore
  /** WebSocket base, e.g. `wss://host/sync`; the provider appends `/<boardId>`. */
  syncUrl: string
  /** The link token, sent as y-websocket `params` (`/sync/<id>?token=`) [A3]. */
  token?: string | null
  /** A viewer's editor is read-only whatever the doc says [A5]. */
  viewOnly?: boolean
  bind?: BindStoreToDoc
  log?: (msg: string, data?: unknown) => void
  /** A connection opened earlier for this board (taken over: the session disposes it). */
  connection?: BoardConnection | null
}): BoardSession {
  const { boardId } = opts
  const bind = opts.bind ?? bindBoardStore
  const log = opts.log ?? ((msg: string, data?: unknown) => console.info(`[overlap] ${msg}`, data ?? ''))

  const connection =
    opts.connection && opts.connection.boardId === boardId
      ? opts.connection
      : openBoardConnection({ boardId, syncUrl: opts.syncUrl, token: opts.token, log })
  const { doc, provider, pending: pendingTracker } = connection

  const $identity = atom<Identity>('overlap identity', opts.identity)
  const $user = computed<TLUser | null>('overlap current user', () => {
    const id = $identity.get()
    return UserRecordType.create({ id: createUserId(id.id), name: id.name, color: id.color })
  })
  // Published as presence `meta` (TLInstancePresence.meta): peers see each other's side [A9].
  const $presenceMeta = computed<Record<string, string | null>>('overlap presence meta', () => ({
    side: $identity.get().side ?? null,
  }))
  const $collabStatus = atom<'online' | 'offline'>('overlap collaboration status', 'offline')
  const $mode = atom<'readwrite' | 'readonly'>('overlap collaboration mode', opts.viewOnly ? 'readonly' : 'readwrite')

  // tldraw's editor puts the current user's `user:` record (attribution) into the store, and the
  // binding sends every document record to the doc. A viewer attributes nothing and the server drops
  // its writes [A5], so tldraw gets no current user there; presence still carries the name ($user).
  const $storeUser = opts.viewOnly ? atom<TLUser | null>('overlap no attribution user', null) : $user
  const store = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    assets: opts.assets,
    users: { currentUser: $storeUser },
    collaboration: { status: $collabStatus, mode: $mode },
  })

  let snapshot: BoardSessionSnapshot = LOADING_SNAPSHOT
  const listeners = new Set<() => void>()
  function update(patch: Partial<BoardSessionSnapshot>) {
    const next = { ...snapshot, ...patch }
    if ((Object.keys(patch) as (keyof BoardSessionSnapshot)[]).every((k) => next[k] === snapshot[k])) return
    snapshot = next
    for (const cb of listeners) cb()
  }

  let everLive = false
  function computeStatus(): SyncStatus {
    if (provider.wsconnected && provider.synced) return 'live'
    if (!everLive && snapshot.fatalClose === null && provider.wsUnsuccessfulReconnects < ATTEMPTS_BEFORE_OFFLINE) return 'connecting'
    return 'offline'
  }
  function refreshStatus() {
    const status = computeStatus()
    if (status === 'live') everLive = true
    $collabStatus.set(status === 'live' ? 'online' : 'offline')
    update({ status })
  }

  let binding: BoardBinding | null = null
  let presence: PresenceSync | null = null
  let unsubscribeReadonly: (() => void) | null = null
  let disposed = false

  function startBinding(reason: string) {
    if (binding || disposed || snapshot.phase === 'not-found' || snapshot.phase === 'unauthorized') return
    log('binding store to doc', { boardId, reason })
    binding = bind({
      store,
      doc,
      // Undo steps are tldraw's own: undoOverrides closes a step at every history stopping point the
      // editor marks (one per user action). A time window would split a slow drag into several steps.
      captureTimeoutMs: Number.MAX_SAFE_INTEGER,
      log: {
        warn: (msg, fields) => console.warn(`[overlap] binding: ${msg}`, fields ?? ''),
        info: (msg, fields) => log(`binding: ${msg}`, fields),
      },
      onInvalidRecord: (invalid) => log('skipped an invalid record from the doc', { id: invalid.id, reason: invalid.reason }),
    })
    const applyReadonly = (r: ReadonlyReason) => {
      $mode.set(r === null && !opts.viewOnly ? 'readwrite' : 'readonly')
      update({ readonlyReason: r })
    }
    applyReadonly(binding.getReadonlyReason())
    unsubscribeReadonly = binding.onReadonlyChange(applyReadonly)
    presence = createPresenceSync({ store, awareness: provider.awareness, $user, $meta: $presenceMeta, log })
    update({ phase: 'ready' })
  }

  // "Server restarting" only while a restart is plausible: a server still down after that is offline.
  let restartTimer: ReturnType<typeof setTimeout> | undefined
  const setServerRestarting = (restarting: boolean) => {
    clearTimeout(restartTimer)
    if (restarting) restartTimer = setTimeout(() => update({ serverRestarting: false }), SERVER_RESTART_GRACE_MS)
    update({ serverRestarting: restarting })
  }
  const onSync = (synced: boolean) => {
    if (synced) {
      startBinding('server sync')
      setServerRestarting(false)
    }
    refreshStatus()
  }
  const onStatus = () => refreshStatus()
  // Emitted before y-websocket resets `wsconnected`; the 'status' event that follows refreshes.
  const onConnectionClose = (event: CloseEvent | null) => {
    if (event?.code === CloseCode.ServerRestarting) setServerRestarting(true)
  }
  const onClosed = (event: { code: number; reason: string }) => {
    if (event.code === CloseCode.NotFound) update({ phase: 'not-found', fatalClose: event })
    else if (event.code === CloseCode.Unauthorized) update({ phase: 'unauthorized', fatalClose: event })
    else update({ fatalClose: event })
    refreshStatus()
  }
  provider.on('sync', onSync)
  provider.on('status', onStatus)
  provider.on('connection-close', onConnectionClose)
  provider.on('closed', onClosed)
  // A viewer's writes are never stored (the server drops them [A5]), so nothing of it is "unsaved".
  const onPending = (pending: number) => update({ pending: opts.viewOnly ? 0 : pending })
  const offPending = pendingTracker.onChange(onPending)
  onPending(pendingTracker.getPending())

  // Catch up with what the connection did before this session existed.
  void connection.whenLocalLoaded.then((local) => {
    if (local === 'restored') startBinding('indexeddb')
  })
  const earlyClose = connection.getFatalClose()
  if (earlyClose) onClosed(earlyClose)
  if (provider.synced) onSync(true)
  else refreshStatus()

  // Let peers drop our cursor at once when the tab goes away, instead of after a 30 s timeout.
  const onPageHide = () => provider.awareness.setLocalState(null)
  window.addEventListener('pagehide', onPageHide)

  return {
    boardId,
    doc,
    provider,
    store,
    $user,
    getBinding: () => binding,
    getSnapshot: () => snapshot,
    subscribe(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
    setIdentity(identity) {
      $identity.set(identity)
    },
    async dispose({ forgetLocal = snapshot.phase === 'not-found' } = {}) {
      if (disposed) return
      disposed = true
      window.removeEventListener('pagehide', onPageHide)
      offPending()
      clearTimeout(restartTimer)
      provider.off('sync', onSync)
      provider.off('status', onStatus)
      provider.off('connection-close', onConnectionClose)
      provider.off('closed', onClosed)
      unsubscribeReadonly?.()
      presence?.dispose()
      binding?.dispose()
      listeners.clear()
      await connection.dispose({ forgetLocal })
    },
  }
}

export { syncUrlFor } from './boardConnection'
