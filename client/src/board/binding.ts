/**
 * The tldraw ⇄ Yjs binding lives in shared/src/binding (owned there). This file pins the part of
 * its API the client relies on, so a change there shows up as a type error here.
 */
import { bindStoreToDoc } from '@overlap/shared'

export type ReadonlyReason = null | 'newer-schema'

export interface BoardBinding {
  getReadonlyReason(): ReadonlyReason
  onReadonlyChange(cb: (reason: ReadonlyReason) => void): (() => void) | void
  undo(): void
  redo(): void
  canUndo(): boolean
  canRedo(): boolean
  /** Ends the current undo step: the next change starts a new one. */
  stopCapturing(): void
  dispose(): void
}

export type BindStoreToDoc = (opts: Parameters<typeof bindStoreToDoc>[0]) => BoardBinding

export const bindBoardStore: BindStoreToDoc = bindStoreToDoc
