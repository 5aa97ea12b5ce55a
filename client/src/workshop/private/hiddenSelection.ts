/**
 * Keeps hidden shapes (others' private drafts, [WS8]) out of this user's selection. tldraw skips
 * them in hit tests, but "Select all" still picks them: a following Delete or drag would then act
 * on cards the user cannot see.
 */
import { react, type Editor } from 'tldraw'

export function installHiddenSelectionFilter(editor: Editor): () => void {
  return react('overlap: no hidden shapes in the selection', () => {
    const selected = editor.getSelectedShapeIds()
    const visible = selected.filter((id) => !editor.isShapeHidden(id))
    if (visible.length !== selected.length) editor.setSelectedShapes(visible)
  })
}
