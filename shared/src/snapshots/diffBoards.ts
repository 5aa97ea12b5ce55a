/**
 * What changed between two versions of a board ([SN10]): shapes and typed cards added, removed and
 * changed, typed links added and removed. Built for "compare with now" in the history panel, so it
 * reports what a person would call a change: a nudge of a few pixels is not "moved" (threshold), and a
 * card's type or text is named apart from its other properties. Inputs are untrusted (from docs):
 * nothing here throws on odd records.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { CARD_META_KEY } from '../web/cardTypes.js'
import { readWeb, type WebLink } from '../web/readWeb.js'
import { richTextToPlain } from '../web/richText.js'
import { deepEqual } from '../binding/docLayout.js'

/** Moves shorter than this (page units ≈ px at 100 %) are not reported. */
export const MOVE_THRESHOLD = 8

export type ShapeChangeKind = 'text' | 'cardType' | 'props' | 'moved' | 'parent' | 'meta'

export interface ShapeChange {
  id: string
  /** Shape type in `after` (`note`, `geo`, …). */
  type: string
  changes: ShapeChangeKind[]
}

export interface RecordSetDiff {
  added: string[]
  removed: string[]
  changed: ShapeChange[]
}

export interface BoardDiff {
  shapes: RecordSetDiff
  /** The subset of shapes that are typed cards in either version. */
  cards: RecordSetDiff
  links: { added: WebLink[]; removed: WebLink[] }
}

export interface DiffOptions {
  moveThreshold?: number
}

type AnyShape = { id: string; typeName: 'shape'; type: string; parentId: unknown; x: unknown; y: unknown; props: unknown; meta: unknown }

const asObject = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {})
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

function shapesById(records: readonly unknown[]): Map<string, AnyShape> {
  const out = new Map<string, AnyShape>()
  for (const r of records) {
    const s = r as AnyShape
    if (typeof s === 'object' && s !== null && s.typeName === 'shape' && typeof s.id === 'string') out.set(s.id, s)
  }
  return out
}

function textOf(shape: AnyShape): string {
  const props = asObject(shape.props)
  if ('richText' in props) return richTextToPlain(props.richText)
  return typeof props.text === 'string' ? props.text : ''
}

const cardTypeOf = (shape: AnyShape): unknown => asObject(shape.meta)[CARD_META_KEY]

function changesOf(before: AnyShape, after: AnyShape, threshold: number): ShapeChangeKind[] {
  const changes: ShapeChangeKind[] = []
  if (textOf(before) !== textOf(after)) changes.push('text')
  if (cardTypeOf(before) !== cardTypeOf(after)) changes.push('cardType')
  const { richText: _r1, text: _t1, ...propsBefore } = asObject(before.props)
  const { richText: _r2, text: _t2, ...propsAfter } = asObject(after.props)
  if (before.type !== after.type || !deepEqual(propsBefore, propsAfter)) changes.push('props')
  if (Math.hypot(num(after.x) - num(before.x), num(after.y) - num(before.y)) > threshold) changes.push('moved')
  if (before.parentId !== after.parentId) changes.push('parent')
  const { [CARD_META_KEY]: _c1, ...metaBefore } = asObject(before.meta)
  const { [CARD_META_KEY]: _c2, ...metaAfter } = asObject(after.meta)
  if (!deepEqual(metaBefore, metaAfter)) changes.push('meta')
  return changes
}

const linkKey = (l: WebLink) => `${l.id}|${l.type}|${l.fromCardId}|${l.toCardId}|${l.twoWay}`

export function diffRecords(
  before: readonly TLRecord[] | readonly unknown[],
  after: readonly TLRecord[] | readonly unknown[],
  { moveThreshold = MOVE_THRESHOLD }: DiffOptions = {}
): BoardDiff {
  const a = shapesById(before)
  const b = shapesById(after)
  const webBefore = readWeb(before)
  const webAfter = readWeb(after)
  const cardIds = new Set([...webBefore.cards, ...webAfter.cards].map((c) => c.id))

  const shapes: RecordSetDiff = { added: [], removed: [], changed: [] }
  for (const id of b.keys()) if (!a.has(id)) shapes.added.push(id)
  for (const id of a.keys()) if (!b.has(id)) shapes.removed.push(id)
  for (const [id, shapeAfter] of b) {
    const shapeBefore = a.get(id)
    if (!shapeBefore) continue
    const changes = changesOf(shapeBefore, shapeAfter, moveThreshold)
    if (changes.length > 0) shapes.changed.push({ id, type: shapeAfter.type, changes })
  }
  for (const list of [shapes.added, shapes.removed]) list.sort()
  shapes.changed.sort((x, y) => (x.id < y.id ? -1 : 1))

  const cards: RecordSetDiff = {
    added: shapes.added.filter((id) => cardIds.has(id)),
    removed: shapes.removed.filter((id) => cardIds.has(id)),
    changed: shapes.changed.filter((c) => cardIds.has(c.id)),
  }

  const keysBefore = new Set(webBefore.links.map(linkKey))
  const keysAfter = new Set(webAfter.links.map(linkKey))
  const links = {
    added: webAfter.links.filter((l) => !keysBefore.has(linkKey(l))),
    removed: webBefore.links.filter((l) => !keysAfter.has(linkKey(l))),
  }
  return { shapes, cards, links }
}
