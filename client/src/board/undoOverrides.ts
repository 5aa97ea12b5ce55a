/**
 * Undo/redo through the binding's Y.UndoManager instead of tldraw's history (trap 3: tldraw's
 * undo puts whole "before" records back, reverting other people's concurrent edits and
 * resurrecting shapes they deleted). The actions keep their ids, labels, icons and shortcuts.
 */
import { atom, type Editor, type TLUiOverrides } from 'tldraw'
import type { BoardBinding } from './binding'
import type { UndoGuards } from './undoGuards'

/** `guards` may refuse a step before it is applied ([B16]); a refused step is dropped. */
export function createUndoOverrides(getBinding: () => BoardBinding | null, guards?: UndoGuards): TLUiOverrides {
  const allow = guards ? (ids: ReadonlySet<string>) => guards.allows(ids) : undefined
  return {
    actions(editor, actions, helpers) {
      const undo = actions['undo']
      const redo = actions['redo']
      // [B18] The binding refuses a step that would remove what someone else has changed since.
      const explain = (binding: BoardBinding | null) => {
        const kept = binding?.lastRefusedForOthers().length ?? 0
        if (kept === 0) return
        helpers.addToast({
          severity: 'warning',
          title: 'Not undone',
          description: `Someone else has changed ${kept === 1 ? 'a shape' : `${kept} shapes`} this would remove since; it stays.`,
        })
      }
      if (undo) {
        actions['undo'] = {
          ...undo,
          onSelect() {
            if (editor.getIsReadonly()) return
            editor.complete() // finish an in-progress interaction first, as tldraw's own undo does
            const binding = getBinding()
            if (binding?.undo(allow) === 'refused') explain(binding)
          },
        }
      }
      if (redo) {
        actions['redo'] = {
          ...redo,
          onSelect() {
            if (editor.getIsReadonly()) return
            editor.complete()
            const binding = getBinding()
            if (binding?.redo(allow) === 'refused') explain(binding)
          },
        }
      }
      return actions
    },
  }
}

/**
 * Points tldraw's history hooks at the binding:
 * - tldraw marks a history stopping point at the start of every user action (a drag, a nudge, a
 *   paste, a style change…). Ending the Y.UndoManager's capture group there makes each user action
 *   exactly one undo step, instead of whatever happened within its capture timeout.
 * - The history starts empty when the editor appears (see below).
 * - The undo/redo buttons ask `editor.getCanUndo()`/`getCanRedo()`; answer from the Y.UndoManager's
 *   stacks (through an atom, so the buttons re-render) rather than from tldraw's unused history.
 *   A button rendered before this link cached tldraw's answer and never calls these again; the
 *   board remounts its quick actions after each link (`historyEpoch`, BoardEditor.tsx).
 */
export function linkEditorHistory(editor: Editor, binding: BoardBinding): () => void {
  const originalMark = editor.markHistoryStoppingPoint
  const originalCanUndo = editor.getCanUndo
  const originalCanRedo = editor.getCanRedo
  editor.markHistoryStoppingPoint = function markHistoryStoppingPoint(this: Editor, name?: string) {
    binding.stopCapturing()
    return originalMark.call(this, name)
  }

  // The editor writes the current user's `user:` record (tldraw attribution) when it is created,
  // before anyone has done anything; that must not be the first thing Ctrl+Z removes. Push it into
  // the doc now and start the undo history empty.
  binding.flush()
  binding.undoManager.clear()

  const $stacks = atom('overlap undo stacks', { canUndo: binding.canUndo(), canRedo: binding.canRedo() })
  const refresh = () => $stacks.set({ canUndo: binding.canUndo(), canRedo: binding.canRedo() })
  const um = binding.undoManager
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared', 'stack-item-updated'] as const
  for (const e of events) um.on(e, refresh)
  editor.getCanUndo = () => $stacks.get().canUndo
  editor.getCanRedo = () => $stacks.get().canRedo

  return () => {
    editor.markHistoryStoppingPoint = originalMark
    editor.getCanUndo = originalCanUndo
    editor.getCanRedo = originalCanRedo
    for (const e of events) um.off(e, refresh)
  }
}
