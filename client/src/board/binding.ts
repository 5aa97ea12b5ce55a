/**
 * The tldraw ⇄ Yjs binding lives in shared/src/binding (owned there). This file names the part of
 * its API the client relies on, so a change there shows up as a type error here.
 */
import { bindStoreToDoc, type BindStoreToDocOptions, type TldrawYjsBinding } from '@overlap/shared'

export type ReadonlyReason = null | 'newer-schema'

export type BoardBinding = Pick<
  TldrawYjsBinding,
  | 'undoManager'
  | 'getReadonlyReason'
  | 'onReadonlyChange'
  | 'undo'
  | 'redo'
  | 'lastRefusedForOthers'
  | 'canUndo'
  | 'canRedo'
  | 'stopCapturing'
  | 'flush'
  | 'dispose'
>

export type BindStoreToDoc = (opts: BindStoreToDocOptions) => BoardBinding

export const bindBoardStore: BindStoreToDoc = bindStoreToDoc
