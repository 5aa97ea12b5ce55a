/**
 * Presence over Yjs awareness (cursors, selections, viewport for following, cursor chat).
 *
 * Outgoing: tldraw's own presence derivation (camera + screenBounds included, so "follow" works),
 * published as the awareness field `presence`, at most every `throttleMs` and only when it changed
 * (trap 8). Incoming: the awareness `'change'` event (not `'update'`, which also fires on the 15 s
 * keep-alive renewals); each peer's state is validated as an `instance_presence` record keyed by
 * the peer's awareness client id (so a peer cannot overwrite someone else's record) and merged into
 * the store as a remote change. Presence records live only in the store, never in the Y.Doc.
 */
import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

export const PRESENCE_FIELD = 'presence'
const DEFAULT_THROTTLE_MS = 33 // ~30 Hz

export interface PresenceSync {
  dispose(): void
}

export function presenceIdFor(awarenessClientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(String(awarenessClientId))
}

/** Parses a peer's awareness state into a presence record, or null if absent or invalid. */
export function parsePeerPresence(clientId: number, state: unknown): TLInstancePresence | null {
  if (state === null || typeof state !== 'object') return null
  const raw = (state as Record<string, unknown>)[PRESENCE_FIELD]
  if (raw === null || typeof raw !== 'object') return null
  try {
    return InstancePresenceRecordType.validate({
      ...(raw as object),
      id: presenceIdFor(clientId),
      typeName: 'instance_presence',
    })
  } catch {
    return null
  }
}

export function createPresenceSync(opts: {
  store: TLStore
  awareness: Awareness
  $user: Signal<TLUser | null>
  throttleMs?: number
  /** Extra `meta` of this user's presence (the side picked at join [A9]); read reactively. */
  $meta?: Signal<Record<string, string | null>>
  log?: (msg: string, data?: unknown) => void
}): PresenceSync {
  const { store, awareness, $user } = opts
  const throttleMs = opts.throttleMs ?? DEFAULT_THROTTLE_MS
  const selfId = awareness.clientID
  const $presence = createPresenceStateDerivation($user, { instanceId: presenceIdFor(selfId) })(store)

  // --- outgoing ---------------------------------------------------------------------------------
  let lastSentJson: string | null = null
  let lastSentAt = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  function publish() {
    timer = null
    const base = $presence.get()
    const extra = opts.$meta?.get()
    const presence = base && extra ? { ...base, meta: { ...base.meta, ...extra } } : base
    const json = presence ? JSON.stringify(presence) : 'null'
    if (json === lastSentJson) return
    lastSentJson = json
    lastSentAt = Date.now()
    awareness.setLocalStateField(PRESENCE_FIELD, presence)
  }

  const stopReacting = react('overlap presence', () => {
    $presence.get() // subscribe
    opts.$meta?.get()
    if (timer !== null) return
    const wait = Math.max(0, lastSentAt + throttleMs - Date.now())
    timer = setTimeout(publish, wait)
  })

  // --- incoming ---------------------------------------------------------------------------------
  function applyPeers(changedIds: number[], removedIds: number[]) {
    const puts: TLInstancePresence[] = []
    const removes: TLInstancePresence['id'][] = []
    const states = awareness.getStates()
    for (const id of changedIds) {
      if (id === selfId) continue
      const record = parsePeerPresence(id, states.get(id))
      if (record) puts.push(record)
      else {
        if (states.has(id)) opts.log?.('ignored invalid presence', { clientId: id })
        if (store.has(presenceIdFor(id))) removes.push(presenceIdFor(id))
      }
    }
    for (const id of removedIds) {
      if (id !== selfId && store.has(presenceIdFor(id))) removes.push(presenceIdFor(id))
    }
    if (puts.length === 0 && removes.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removes.length) store.remove(removes)
      if (puts.length) store.put(puts)
    })
  }

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    applyPeers([...added, ...updated], removed)
  }
  awareness.on('change', onChange)
  applyPeers([...awareness.getStates().keys()], [])

  return {
    dispose() {
      stopReacting()
      if (timer !== null) clearTimeout(timer)
      awareness.off('change', onChange)
      awareness.setLocalStateField(PRESENCE_FIELD, null)
      const ids = store.query.ids('instance_presence').get()
      const peers = [...ids].filter((id) => id !== presenceIdFor(selfId))
      if (peers.length) store.mergeRemoteChanges(() => store.remove(peers))
    },
  }
}
