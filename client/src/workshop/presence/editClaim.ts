/**
 * One person at a time types in a shape. A card's text is one record field, merged last-writer-wins,
 * so two people typing in the same card at once ended with one person's words and a stray character
 * of the other's, silently (Miro and FigJam show who is editing and keep the others out).
 *
 * This tab publishes the shape it is editing (awareness `overlap.editing`); it does not start editing
 * a shape someone else is editing (tldraw asks `canEditShape` on double-click and Enter), and says who
 * it is waiting for. Two people who start within the awareness round trip both see the other: the tab
 * with the larger awareness client id stops editing (what it typed so far stays), the other goes on.
 */
import { react, type Editor, type Signal } from 'tldraw'
import type { OverlapPatch } from './overlapAwareness'
import type { PeerState } from './peerState'

export interface EditClaimOptions {
  editor: Editor
  $peers: Signal<readonly PeerState[]>
  /** This tab's awareness client id (its own entry in `$peers` is skipped). */
  selfClientId: number
  publish(patch: OverlapPatch): void
  /** Someone else is editing that shape: `yielded` when this tab had started too and stopped. */
  onBlocked(name: string, yielded: boolean): void
}

/** Who else (present, not this tab) is editing `shapeId`, with their awareness client id. */
function otherEditor(peers: readonly PeerState[], selfClientId: number, shapeId: string): PeerState | null {
  return peers.find((p) => p.clientId !== selfClientId && p.overlap?.editing === shapeId && !p.overlap.away) ?? null
}

const nameOf = (p: PeerState) => p.presence?.name || 'Someone'

export function installEditClaim({ editor, $peers, selfClientId, publish, onBlocked }: EditClaimOptions): () => void {
  let published: string | null = null
  const stopPublishing = react('publish the shape being edited', () => {
    const editing = editor.getEditingShapeId()
    // Published after the reaction: `publish` reads and sets the awareness signal, which inside the
    // reaction would make it depend on what it sets, and run again forever.
    queueMicrotask(() => {
      if (editing === published || editor.getEditingShapeId() !== editing) return
      published = editing
      publish({ editing })
    })
  })
  const stopYielding = react('yield a shape someone else started editing too', () => {
    const editing = editor.getEditingShapeId()
    if (!editing) return
    const other = otherEditor($peers.get(), selfClientId, editing)
    if (!other || other.clientId > selfClientId) return
    // Leave editing as Escape does (the select tool's own path), after this reaction.
    queueMicrotask(() => {
      if (editor.getEditingShapeId() !== editing) return
      editor.cancel()
      if (editor.getEditingShapeId() === editing) editor.setEditingShape(null)
      onBlocked(nameOf(other), true)
    })
  })
  const canEditShape = editor.canEditShape
  editor.canEditShape = ((shape, info) => {
    if (!canEditShape.call(editor, shape, info)) return false
    const id = typeof shape === 'string' ? shape : shape?.id
    // Already editing it (tldraw asks again while editing): not a new start.
    if (!id || editor.getEditingShapeId() === id) return true
    const other = otherEditor($peers.get(), selfClientId, id)
    if (!other) return true
    onBlocked(nameOf(other), false)
    return false
  }) as Editor['canEditShape']
  return () => {
    editor.canEditShape = canEditShape
    stopPublishing()
    stopYielding()
    publish({ editing: null })
  }
}
