/**
 * Undo/redo through the binding's Y.UndoManager instead of tldraw's history (trap 3: tldraw's
 * undo puts whole "before" records back, reverting other people's concurrent edits and
 * resurrecting shapes they deleted). The actions keep their ids, labels, icons and shortcuts.
 */
import type { Editor, TLUiOverrides } from 'tldraw'
import type { BoardBinding } from './binding'

export function createUndoOverrides(getBinding: () => BoardBinding | null): TLUiOverrides {
  return {
    actions(editor, actions) {
      const undo = actions['undo']
      const redo = actions['redo']
      if (undo) {
        actions['undo'] = {
          ...undo,
          onSelect() {
            if (editor.getIsReadonly()) return
            editor.complete() // finish an in-progress interaction first, as tldraw's own undo does
            getBinding()?.undo()
          },
        }
      }
      if (redo) {
        actions['redo'] = {
          ...redo,
          onSelect() {
            if (editor.getIsReadonly()) return
            editor.complete()
            getBinding()?.redo()
          },
        }
      }
      return actions
    },
  }
}

/**
 * tldraw marks a history stopping point at the start of every user action (a drag, a nudge, a
 * paste, a style change…). Ending the Y.UndoManager's capture group there makes each user action
 * exactly one undo step, instead of whatever happened within its 500 ms capture timeout.
 */
export function linkHistoryStoppingPoints(editor: Editor, binding: BoardBinding): () => void {
  const original = editor.markHistoryStoppingPoint
  editor.markHistoryStoppingPoint = function markHistoryStoppingPoint(this: Editor, name?: string) {
    binding.stopCapturing()
    return original.call(this, name)
  }
  return () => {
    editor.markHistoryStoppingPoint = original
  }
}
