/**
 * This tab's `overlap` awareness field (shared/src/workshop/awareness.ts): its true role and identity
 * id, whether the tab is hidden, and the facilitator's summon / presenting and anyone's reaction.
 * Awareness only — never the Y.Doc — so nothing here is stored or undone.
 *
 * The role must be the socket's real role: the server drops a whole awareness update whose
 * `overlap.role` differs ([WS10]), which would also drop this tab's cursor.
 */
import { OVERLAP_AWARENESS_FIELD, type OverlapAwareness, type Role } from '@overlap/shared'
import { atom, type Signal } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

export type OverlapPatch = Partial<Pick<OverlapAwareness, 'summon' | 'presenting' | 'reaction' | 'editing' | 'restored'>>

export interface OverlapAwarenessPublisher {
  /** What this tab publishes (reactive). */
  readonly $local: Signal<OverlapAwareness>
  update(patch: OverlapPatch): void
  /** The role can become known after the board opened (the board lookup answers late). */
  setRole(role: Role): void
  dispose(): void
}

/** The slice of `document` used, so tests can drive visibility. */
export interface VisibilitySource {
  readonly hidden: boolean
  addEventListener(type: 'visibilitychange', cb: () => void): void
  removeEventListener(type: 'visibilitychange', cb: () => void): void
}

export function createOverlapAwareness(opts: {
  awareness: Awareness
  role: Role
  userId: string
  visibility: VisibilitySource
}): OverlapAwarenessPublisher {
  const { awareness, visibility } = opts
  const $local = atom<OverlapAwareness>('overlap awareness', {
    role: opts.role,
    userId: opts.userId,
    summon: null,
    presenting: null,
    reaction: null,
    away: visibility.hidden,
    editing: null,
    restored: null,
  })
  let disposed = false

  function set(next: OverlapAwareness) {
    if (disposed) return
    $local.set(next)
    // After `pagehide` the local state is null (peers drop us at once); setLocalStateField is then a
    // no-op, which is right: a page being unloaded must not come back to life.
    awareness.setLocalStateField(OVERLAP_AWARENESS_FIELD, next)
  }

  const onVisibility = () => set({ ...$local.get(), away: visibility.hidden })
  visibility.addEventListener('visibilitychange', onVisibility)
  set($local.get())

  return {
    $local,
    update: (patch) => set({ ...$local.get(), ...patch }),
    setRole(role) {
      if (role !== $local.get().role) set({ ...$local.get(), role })
    },
    dispose() {
      if (disposed) return
      visibility.removeEventListener('visibilitychange', onVisibility)
      if (awareness.getLocalState() !== null) awareness.setLocalStateField(OVERLAP_AWARENESS_FIELD, null)
      disposed = true
    },
  }
}
