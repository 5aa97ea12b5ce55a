/**
 * "Compare with now" as a list a person reads: one row per added / removed / changed shape and per
 * added / removed link, labelled with the shape's kind and text. Pure (records in, rows out), so it is
 * unit-tested without a browser.
 */
import { CARD_META_KEY, diffRecords, richTextToPlain, type BoardDiff } from '@overlap/shared'

export type CompareChange = 'added' | 'removed' | 'changed'

export interface CompareItem {
  /** The shape id (for links: the arrow's id). */
  id: string
  change: CompareChange
  kind: 'shape' | 'card' | 'link'
  label: string
  /** For changed shapes: what changed (`text`, `moved`, …). */
  details: string[]
  /** Page-space box from the version that has the shape (zoom target when it is gone from the board). */
  box: { x: number; y: number; w: number; h: number } | null
  /** The parent shape (frame) in the version that has the shape: zoom target for a removed nested shape. */
  parentShapeId: string | null
}

type Rec = { id?: unknown; typeName?: unknown; type?: unknown; x?: unknown; y?: unknown; parentId?: unknown; props?: unknown; meta?: unknown }

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {})
const num = (v: unknown, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : d)

function byId(records: readonly unknown[]): Map<string, Rec> {
  const m = new Map<string, Rec>()
  for (const r of records) {
    const rec = obj(r) as Rec
    if (rec.typeName === 'shape' && typeof rec.id === 'string') m.set(rec.id, rec)
  }
  return m
}

function describe(rec: Rec | undefined, fallbackType: string): string {
  if (!rec) return fallbackType
  const props = obj(rec.props)
  const text = ('richText' in props ? richTextToPlain(props.richText) : typeof props.name === 'string' ? props.name : '').trim()
  const cardType = obj(rec.meta)[CARD_META_KEY]
  const kind = typeof cardType === 'string' ? `${cardType} card` : String(rec.type ?? fallbackType)
  const short = text.length > 40 ? `${text.slice(0, 39)}…` : text
  return short ? `${kind} “${short}”` : kind
}

/** Only top-level shapes have page coordinates in x/y; nested ones get no box (zoom falls back). */
function parentShapeOf(rec: Rec | undefined): string | null {
  return rec && typeof rec.parentId === 'string' && rec.parentId.startsWith('shape:') ? rec.parentId : null
}

function boxOf(rec: Rec | undefined): CompareItem['box'] {
  if (!rec || typeof rec.parentId !== 'string' || !rec.parentId.startsWith('page:')) return null
  const props = obj(rec.props)
  return { x: num(rec.x), y: num(rec.y), w: num(props.w, 200), h: num(props.h, 200) }
}

export function compareItems(before: readonly unknown[], after: readonly unknown[]): { diff: BoardDiff; items: CompareItem[] } {
  const diff = diffRecords(before, after)
  const a = byId(before)
  const b = byId(after)
  const cards = new Set([...diff.cards.added, ...diff.cards.removed, ...diff.cards.changed.map((c) => c.id)])
  const linkIds = new Set([...diff.links.added, ...diff.links.removed].map((l) => l.id))
  const kindOf = (id: string): CompareItem['kind'] => (linkIds.has(id) ? 'link' : cards.has(id) ? 'card' : 'shape')
  const items: CompareItem[] = []
  for (const id of diff.shapes.added) items.push({ id, change: 'added', kind: kindOf(id), label: describe(b.get(id), 'shape'), details: [], box: boxOf(b.get(id)), parentShapeId: parentShapeOf(b.get(id)) })
  for (const id of diff.shapes.removed) items.push({ id, change: 'removed', kind: kindOf(id), label: describe(a.get(id), 'shape'), details: [], box: boxOf(a.get(id)), parentShapeId: parentShapeOf(a.get(id)) })
  for (const c of diff.shapes.changed) items.push({ id: c.id, change: 'changed', kind: kindOf(c.id), label: describe(b.get(c.id), c.type), details: c.changes, box: boxOf(b.get(c.id)), parentShapeId: parentShapeOf(b.get(c.id)) })
  // A link whose type or ends changed keeps its arrow: it is a "changed shape" above, but readers
  // look for links by their type, so say it.
  for (const l of diff.links.added) if (!items.some((i) => i.id === l.id && i.change === 'added')) items.push({ id: l.id, change: 'added', kind: 'link', label: `link “${l.label || l.type}”`, details: [], box: null, parentShapeId: null })
  for (const l of diff.links.removed) {
    if (items.some((i) => i.id === l.id && i.change === 'removed')) continue
    // The arrow is still there (its card was deleted, or it was unbound): one row, not a "changed
    // arrow" plus a "removed link" for the same thing.
    const arrow = items.find((i) => i.id === l.id && i.change === 'changed')
    if (arrow) {
      arrow.kind = 'link'
      arrow.label = `link “${l.label || l.type}”`
      arrow.details = ['no longer joins two cards']
      continue
    }
    items.push({ id: l.id, change: 'removed', kind: 'link', label: `link “${l.label || l.type}”`, details: [], box: null, parentShapeId: null })
  }
  return { diff, items }
}

/** Local highlight of the live board's shapes: a stylesheet in this tab, never a write to the doc. */
export function highlightCss(items: readonly CompareItem[]): string {
  const rule = (change: CompareChange, color: string) => {
    const ids = [...new Set(items.filter((i) => i.change === change).map((i) => i.id))]
    if (ids.length === 0) return ''
    const sel = ids.map((id) => `.tl-shape[data-shape-id="${CSS.escape(id)}"]`).join(',')
    return `${sel} { outline: 3px dashed ${color}; outline-offset: 4px; }\n`
  }
  return rule('added', '#1a9a4b') + rule('changed', '#e08a00')
}
