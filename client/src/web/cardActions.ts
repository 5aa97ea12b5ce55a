/**
 * Writes to cards and links ([W2]–[W4] in shared/SPEC.md). Each function is one user action: it marks
 * a history stopping point first (which ends the Y.UndoManager's capture group, see undoOverrides.ts)
 * and changes each shape in ONE `updateShape`, so concurrent edits of other fields merge and one
 * Ctrl+Z undoes exactly this action.
 */
import {
  CARD_META_KEY,
  LINK_META_KEY,
  TWO_WAY_META_KEY,
  cardFieldsFor,
  cardMeta,
  cardTypeDef,
  linkLabel,
  parseCardMeta,
  type CardType,
  type LinkType,
} from '@overlap/shared'
import { createShapeId, toRichText, type Editor, type TLArrowBinding, type TLShape, type TLShapeId, type VecLike } from 'tldraw'
import { freeSpot } from './freeSpot'

/** tldraw's note is 200×200 at scale 1. */
const NOTE_SIZE = 200

export function isCard(shape: TLShape | undefined | null): boolean {
  return !!shape && shape.type === 'note' && parseCardMeta(shape.meta) !== null
}

/**
 * A new card of `type` centred on `center` (page space), or in the nearest free slot around it when
 * cards are already there (freeSpot.ts), inside the zone/frame under that point.
 * Selects it and starts editing its text, as tldraw's note tool does.
 */
export function createCard(editor: Editor, type: CardType, center: VecLike): TLShapeId | null {
  if (editor.getIsReadonly()) return null
  const pageId = editor.getCurrentPageId()
  const notes = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === 'note')
    .map((n) => editor.getShapePageBounds(n.id))
    .filter((b) => b !== undefined)
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }))
  const frameAt = (p: VecLike) =>
    editor
      .getCurrentPageShapesSorted()
      .filter((s) => s.type === 'frame')
      .reverse()
      .find((f) => editor.isPointInShape(f, p, { hitInside: true }))
  // Made in a zone: a free spot wholly inside it if there is one (a frame clips what sticks out).
  const zone = frameAt(center)
  const zoneBounds = zone ? editor.getShapePageBounds(zone.id) : undefined
  const { x, y } = freeSpot(center, notes, NOTE_SIZE, undefined, undefined, zoneBounds)
  const frame = frameAt({ x: x + NOTE_SIZE / 2, y: y + NOTE_SIZE / 2 })
  const parentId = frame ? frame.id : pageId
  // The frame's own space (its children's x and y), not its parent's: that put cards outside their zone.
  const local = frame ? editor.getPointInShapeSpace(frame.id, { x, y }) : { x, y }
  const id = createShapeId()
  editor.markHistoryStoppingPoint('overlap create card')
  editor.createShape({
    id,
    type: 'note',
    parentId,
    x: local.x,
    y: local.y,
    // Same look as template cards (buildTemplateRecords): small, sans.
    props: { color: cardTypeDef(type).color, richText: toRichText(''), size: 's', font: 'sans' },
    meta: cardMeta(type),
  })
  if (!editor.getShape(id)) return null // refused (shape limit)
  editor.select(id)
  editor.setEditingShape(id)
  editor.setCurrentTool('select.editing_shape')
  return id
}

/** Changes a card's type and colour; field values already stored for the new type are kept ([W2]). */
export function setCardType(editor: Editor, id: TLShapeId, type: CardType): void {
  const shape = editor.getShape(id)
  if (!shape || shape.type !== 'note' || editor.getIsReadonly()) return
  const stored = shape.meta as Record<string, unknown>
  const kept: Record<string, string> = {}
  for (const f of cardFieldsFor(type)) if (typeof stored[f.key] === 'string') kept[f.key] = stored[f.key] as string
  editor.markHistoryStoppingPoint('overlap card type')
  editor.updateShape({ id, type: 'note', props: { color: cardTypeDef(type).color }, meta: { ...cardMeta(type, kept), [CARD_META_KEY]: type } })
}

/** Writes some of a card's fields (only the keys given: concurrent edits of other fields survive). */
export function setCardFields(editor: Editor, id: TLShapeId, fields: Record<string, string>): void {
  const shape = editor.getShape(id)
  if (!shape || !isCard(shape) || editor.getIsReadonly()) return
  const changed = Object.entries(fields).filter(([k, v]) => (shape.meta as Record<string, unknown>)[k] !== v)
  if (changed.length === 0) return
  editor.markHistoryStoppingPoint('overlap card fields')
  editor.updateShape({ id, type: 'note', meta: Object.fromEntries(changed) })
}

/** The two cards an arrow is bound to, or null unless it is bound at both ends to cards ([W6]). */
export function linkEnds(editor: Editor, arrowId: TLShapeId): { start: TLShapeId; end: TLShapeId } | null {
  const arrow = editor.getShape(arrowId)
  if (!arrow || arrow.type !== 'arrow') return null
  const bindings = editor.getBindingsFromShape<TLArrowBinding>(arrow, 'arrow')
  const start = bindings.find((b) => b.props.terminal === 'start')
  const end = bindings.find((b) => b.props.terminal === 'end')
  if (!start || !end) return null
  if (!isCard(editor.getShape(start.toId)) || !isCard(editor.getShape(end.toId))) return null
  return { start: start.toId, end: end.toId }
}

/** Types a link: meta and the label on the arrow together (one change). */
export function setLinkType(editor: Editor, arrowId: TLShapeId, type: LinkType): void {
  const arrow = editor.getShape(arrowId)
  if (!arrow || arrow.type !== 'arrow' || editor.getIsReadonly()) return
  editor.markHistoryStoppingPoint('overlap link type')
  editor.updateShape({ id: arrowId, type: 'arrow', props: { richText: toRichText(linkLabel(type)) }, meta: { [LINK_META_KEY]: type } })
}

/** Two-way: arrowheads at both ends; `meta.twoWay` is `true` or `false` (meta merges, keys cannot be removed). */
export function setTwoWay(editor: Editor, arrowId: TLShapeId, twoWay: boolean): void {
  const arrow = editor.getShape(arrowId)
  if (!arrow || arrow.type !== 'arrow' || editor.getIsReadonly()) return
  editor.markHistoryStoppingPoint('overlap link two-way')
  editor.updateShape({
    id: arrowId,
    type: 'arrow',
    props: { arrowheadStart: twoWay ? 'arrow' : 'none', arrowheadEnd: 'arrow' },
    meta: { [TWO_WAY_META_KEY]: twoWay },
  })
}

/** Centre of the viewport, or the pointer when it is over the canvas (keyboard creation). */
export function creationPoint(editor: Editor, atPointer: boolean): VecLike {
  if (atPointer) {
    const p = editor.inputs.getCurrentPagePoint()
    if (editor.getViewportPageBounds().containsPoint(p)) return { x: p.x, y: p.y }
  }
  return editor.getViewportPageBounds().center
}
