/**
 * The web (typed cards, typed links, zones) read from a board's records ([W5]–[W8]). Input is
 * untrusted (it came through the doc): every field is checked, nothing throws. Output order is
 * deterministic so that the server's brief equals the client's ([W7]).
 */
import type { TLRecord } from '@tldraw/tlschema'
import { cardTypeOrder, isCardType, isUnansweredPrompt, parseCardMeta, type CardMeta, type CardType } from './cardTypes.js'
import { linkTypeOrder, parseLinkMeta, type LinkType } from './linkTypes.js'
import { richTextToPlain } from './richText.js'

/** The `meta` key marking a frame as the zone of one card type. */
export const ZONE_META_KEY = 'overlapZone'

export type WebCard = CardMeta & {
  id: string
  text: string
  pageId: string | null
  /** Nearest frame ancestor (zone or not). */
  parentFrameId: string | null
  /** Nearest frame ancestor that is a zone, and its type. */
  zoneId: string | null
  zoneType: CardType | null
  /** Page coordinates of the note's top-left corner. */
  x: number
  y: number
  /** A template's prompt card whose text is still the prompt ([W24]): nobody has answered it yet. */
  unansweredPrompt: boolean
}

export interface WebLink {
  id: string
  type: LinkType
  fromCardId: string
  toCardId: string
  twoWay: boolean
  /** The arrow's text (normally `linkLabel(type)`, may be edited). */
  label: string
}

export interface WebZone {
  id: string
  type: CardType
  name: string
  pageId: string | null
  x: number
  y: number
  w: number
  h: number
}

/** `same-card`: both ends on one card (overlapping cards make that easy to draw); it links nothing. */
export type DanglingReason = 'start-unbound' | 'end-unbound' | 'start-not-card' | 'end-not-card' | 'same-card'

/** A typed arrow that is not bound at both ends to cards: not a link ([W6]). */
export interface DanglingLink {
  id: string
  type: LinkType
  reasons: DanglingReason[]
}

export interface Web {
  cards: WebCard[]
  links: WebLink[]
  zones: WebZone[]
  dangling: DanglingLink[]
}

type AnyShape = { id: string; typeName: 'shape'; type: string; parentId: string; x: number; y: number; rotation: number; props: Record<string, unknown>; meta: Record<string, unknown> }
type AnyBinding = { id: string; typeName: 'binding'; type: string; fromId: string; toId: string; props: Record<string, unknown> }

function isShape(r: unknown): r is AnyShape {
  const s = r as AnyShape
  return typeof s === 'object' && s !== null && s.typeName === 'shape' && typeof s.id === 'string' && typeof s.type === 'string'
}
function isBinding(r: unknown): r is AnyBinding {
  const b = r as AnyBinding
  return typeof b === 'object' && b !== null && b.typeName === 'binding' && typeof b.fromId === 'string' && typeof b.toId === 'string'
}
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {})

/** Page position and rotation of every shape, following parents (cycle-safe). */
function createLocator(shapes: Map<string, AnyShape>) {
  const cache = new Map<string, { x: number; y: number; r: number; pageId: string | null }>()
  const locate = (id: string, depth = 0): { x: number; y: number; r: number; pageId: string | null } => {
    const hit = cache.get(id)
    if (hit) return hit
    const shape = shapes.get(id)
    if (!shape) return { x: 0, y: 0, r: 0, pageId: id.startsWith('page:') ? id : null }
    const x = num(shape.x)
    const y = num(shape.y)
    const r = num(shape.rotation)
    let out = { x, y, r, pageId: null as string | null }
    if (depth < 64 && typeof shape.parentId === 'string') {
      const p = locate(shape.parentId, depth + 1)
      const cos = Math.cos(p.r)
      const sin = Math.sin(p.r)
      out = { x: p.x + x * cos - y * sin, y: p.y + x * sin + y * cos, r: p.r + r, pageId: p.pageId }
    }
    cache.set(id, out)
    return out
  }
  return locate
}

function zoneTypeOf(shape: AnyShape): CardType | null {
  const t = obj(shape.meta)[ZONE_META_KEY]
  return shape.type === 'frame' && isCardType(t) ? t : null
}

/** Stable order: card type, then top-to-bottom, left-to-right, then id ([W7]). */
export function compareCards(a: WebCard, b: WebCard): number {
  return cardTypeOrder(a.type) - cardTypeOrder(b.type) || a.y - b.y || a.x - b.x || cmp(a.id, b.id)
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function readWeb(records: readonly TLRecord[] | readonly unknown[]): Web {
  const shapes = new Map<string, AnyShape>()
  const bindings: AnyBinding[] = []
  for (const r of records) {
    if (isShape(r)) shapes.set(r.id, r)
    else if (isBinding(r) && r.type === 'arrow') bindings.push(r)
  }
  const locate = createLocator(shapes)

  const cards: WebCard[] = []
  const zones: WebZone[] = []
  for (const shape of shapes.values()) {
    const zoneType = zoneTypeOf(shape)
    if (zoneType) {
      const at = locate(shape.id)
      const props = obj(shape.props)
      zones.push({
        id: shape.id,
        type: zoneType,
        name: typeof props.name === 'string' ? props.name : '',
        pageId: at.pageId,
        x: at.x,
        y: at.y,
        w: num(props.w),
        h: num(props.h),
      })
    }
    if (shape.type !== 'note') continue
    const meta = parseCardMeta(shape.meta)
    if (!meta) continue
    const at = locate(shape.id)
    let parentFrameId: string | null = null
    let zoneId: string | null = null
    let zone: CardType | null = null
    const seen = new Set<string>()
    for (let p = shapes.get(shape.parentId); p && !seen.has(p.id); p = shapes.get(p.parentId)) {
      seen.add(p.id)
      if (p.type !== 'frame') continue
      parentFrameId ??= p.id
      const t = zoneTypeOf(p)
      if (t) {
        zoneId = p.id
        zone = t
        break
      }
    }
    const text = richTextToPlain(obj(shape.props).richText)
    const unansweredPrompt = isUnansweredPrompt(shape.meta, text)
    cards.push({ ...meta, id: shape.id, text, pageId: at.pageId, parentFrameId, zoneId, zoneType: zone, x: at.x, y: at.y, unansweredPrompt })
  }
  cards.sort(compareCards)
  zones.sort((a, b) => a.y - b.y || a.x - b.x || cmp(a.id, b.id))

  const cardIds = new Set(cards.map((c) => c.id))
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const b of bindings) {
    const terminal = obj(b.props).terminal
    if (terminal !== 'start' && terminal !== 'end') continue
    const e = ends.get(b.fromId) ?? {}
    // Two bindings for one terminal is corrupt: keep the smaller id so every replica picks the same.
    if (e[terminal] === undefined || cmp(b.toId, e[terminal]!) < 0) e[terminal] = b.toId
    ends.set(b.fromId, e)
  }
  const links: WebLink[] = []
  const dangling: DanglingLink[] = []
  for (const shape of shapes.values()) {
    if (shape.type !== 'arrow') continue
    const meta = parseLinkMeta(shape.meta)
    if (!meta) continue
    const e = ends.get(shape.id) ?? {}
    const reasons: DanglingReason[] = []
    if (e.start === undefined) reasons.push('start-unbound')
    else if (!cardIds.has(e.start)) reasons.push('start-not-card')
    if (e.end === undefined) reasons.push('end-unbound')
    else if (!cardIds.has(e.end)) reasons.push('end-not-card')
    if (reasons.length === 0 && e.start === e.end) reasons.push('same-card')
    if (reasons.length > 0) {
      dangling.push({ id: shape.id, type: meta.type, reasons })
      continue
    }
    const label = richTextToPlain(obj(shape.props).richText)
    links.push({ id: shape.id, type: meta.type, fromCardId: e.start!, toCardId: e.end!, twoWay: meta.twoWay, label })
  }
  const order = new Map(cards.map((c, i) => [c.id, i]))
  links.sort(
    (a, b) =>
      order.get(a.fromCardId)! - order.get(b.fromCardId)! ||
      linkTypeOrder(a.type) - linkTypeOrder(b.type) ||
      order.get(a.toCardId)! - order.get(b.toCardId)! ||
      cmp(a.id, b.id),
  )
  dangling.sort((a, b) => cmp(a.id, b.id))
  return { cards, links, zones, dangling }
}
