/** What the lock UI ([WS9]) offers, live: the selection, whether all of it is locked, the page's frames. */
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { allLocked, pageFrameIds } from './lockActions'

export interface LockSelection {
  ids: TLShapeId[]
  /** Every selected shape is locked (then the UI offers "Unlock"). */
  locked: boolean
  frames: number
}

export function useLockSelection(): LockSelection {
  const editor = useEditor()
  return useValue(
    'lock selection',
    () => {
      const ids = editor.getSelectedShapeIds()
      return { ids, locked: allLocked(editor, ids), frames: pageFrameIds(editor).length }
    },
    [editor]
  )
}
