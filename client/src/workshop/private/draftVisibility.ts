/**
 * tldraw's `getShapeVisibility` for private drafts ([WS8]): a draft of someone else whose round is
 * not revealed is 'hidden' (not rendered, not hit-testable, not exported, no drop target).
 *
 * The callback must keep its identity for the editor's whole life (a new one would make <Tldraw>
 * re-create the editor), yet follow the workshop state: it reads an atom, and tldraw evaluates it
 * inside a per-shape computed cache, so setting the atom re-evaluates every shape's visibility.
 * The atom follows the doc's `workshop` map directly (no React render in between).
 */
import { getWorkshopMap, isHiddenDraft, readWorkshop } from '@overlap/shared'
import { atom, type TLShape } from 'tldraw'
import type * as Y from 'yjs'

interface Viewer {
  /** '' until connected: then every draft is hidden, the safe side. */
  userId: string
  revealedRounds: string[]
}

export interface DraftVisibility {
  getShapeVisibility(shape: TLShape): 'hidden' | 'inherit'
  /** Follows `doc`'s workshop map as `userId`; returns the disconnect. */
  connect(doc: Y.Doc, userId: string): () => void
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i])

export function createDraftVisibility(): DraftVisibility {
  const viewer = atom<Viewer>('overlap draft viewer', { userId: '', revealedRounds: [] })
  return {
    getShapeVisibility(shape) {
      const v = viewer.get()
      return isHiddenDraft(shape.meta, v.userId, v) ? 'hidden' : 'inherit'
    },
    connect(doc, userId) {
      const map = getWorkshopMap(doc)
      const update = () => {
        const revealedRounds = readWorkshop(doc).revealedRounds
        const cur = viewer.get()
        if (cur.userId !== userId || !sameList(cur.revealedRounds, revealedRounds)) viewer.set({ userId, revealedRounds })
      }
      update()
      map.observe(update)
      return () => map.unobserve(update)
    },
  }
}
