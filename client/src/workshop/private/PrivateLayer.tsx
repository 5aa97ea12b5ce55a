/**
 * Private mode in front of the canvas ([WS8]): stamps drafts on what this user creates while a round
 * is on, keeps others' hidden drafts out of the selection, and marks this user's own unrevealed
 * drafts (dimmed, "Private" badge) so they know nobody else sees them yet. In tldraw's
 * `InFrontOfTheCanvas` slot, rendered even in focus mode.
 */
import '../workshop-badges.css'
import { useCallback, useEffect, useRef } from 'react'
import { useEditor, useValue, type TLShape } from 'tldraw'
import { ShapeBadges } from '../ShapeBadges'
import { useWorkshop } from '../WorkshopContext'
import { installDraftOnCreate, type DraftContext } from './draftOnCreate'
import { isOwnUnrevealedDraft } from './draftRules'
import { installHiddenSelectionFilter } from './hiddenSelection'

export const DRAFT_OPACITY = 0.6

export function PrivateLayer() {
  const editor = useEditor()
  const { state, userId } = useWorkshop()
  const context = useRef<DraftContext>({ private: state.private, userId })
  context.current = { private: state.private, userId }

  useEffect(() => installDraftOnCreate(editor, () => context.current), [editor])
  useEffect(() => installHiddenSelectionFilter(editor), [editor])

  const revealed = state.revealedRounds
  const isMine = useCallback((s: TLShape) => isOwnUnrevealedDraft(s.meta, userId, revealed), [userId, revealed])
  const css = useValue(
    'overlap own drafts css',
    () => {
      const ids = editor.getCurrentPageShapes().filter(isMine).map((s) => `.tl-shape[data-shape-id="${CSS.escape(s.id)}"]`)
      // `filter`, not `opacity`: tldraw sets each shape's opacity inline (and the type filter uses it).
      return ids.length ? `${ids.join(',')} { filter: opacity(${DRAFT_OPACITY}); }` : null
    },
    [editor, isMine]
  )
  return (
    <>
      {css && <style data-testid="draft-style">{css}</style>}
      <ShapeBadges select={isMine} testId="draft-badge" className="ov-shape-badge ov-draft-badge" title="Only you see this card until the facilitator reveals it">
        Private
      </ShapeBadges>
    </>
  )
}
