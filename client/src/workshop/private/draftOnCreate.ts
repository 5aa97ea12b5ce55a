/**
 * Stamps `meta.overlapDraft = { round, author }` on shapes THIS user creates while a private round
 * is on ([WS8]), in a tldraw before-create side effect: the meta is part of the record from its
 * first write, so the shape never exists in the doc without it. Shapes arriving from the doc
 * (source 'remote') are never touched.
 */
import { DRAFT_META_KEY, type PrivateState } from '@overlap/shared'
import { Mat, isShapeId, type Editor, type TLShape } from 'tldraw'
import { draftFor } from './draftRules'
import { inFrameScope, type Point } from './privateScope'

export interface DraftContext {
  private: PrivateState
  userId: string
}

/** Centre of a shape's page bounds before it is in the store (its parent already is). */
function pageCentre(editor: Editor, shape: TLShape): Point {
  const parent = isShapeId(shape.parentId) ? editor.getShapePageTransform(shape.parentId) : Mat.Identity()
  const local = Mat.Compose(Mat.Translate(shape.x, shape.y), Mat.Rotate(shape.rotation))
  let centre: Point = { x: 0, y: 0 }
  try {
    centre = editor.getShapeUtil(shape).getGeometry(shape).bounds.center
  } catch {
    // A geometry that needs more than the record: the shape's origin is a fair stand-in.
  }
  return Mat.applyToPoint(Mat.Compose(parent, local), centre)
}

function ancestorsOf(editor: Editor, shape: TLShape): string[] {
  if (!isShapeId(shape.parentId)) return []
  return [shape.parentId, ...editor.getShapeAncestors(shape.parentId).map((s) => s.id)]
}

export function installDraftOnCreate(editor: Editor, context: () => DraftContext): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    const { private: state, userId } = context()
    const draft = draftFor(state, userId, { type: shape.type, source }, (frameId) =>
      inFrameScope(frameId, {
        ancestors: ancestorsOf(editor, shape),
        centre: pageCentre(editor, shape),
        frameBounds: isShapeId(frameId) ? (editor.getShapePageBounds(frameId) ?? null) : null,
      })
    )
    return draft ? { ...shape, meta: { ...shape.meta, [DRAFT_META_KEY]: { ...draft } } } : shape
  })
}
