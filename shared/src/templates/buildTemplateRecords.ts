/**
 * A template as tldraw records ([W31]): one frame per zone (`meta.overlapZone` when typed), one note
 * per prompt card (`meta.overlapCard` + fields), one arrow per link with two arrow bindings, and a text
 * shape with the facilitator's how-to note. Built from @tldraw/tlschema alone (no editor), with the
 * same default props tldraw 5.4.2's shape utils give, so the server can build them too.
 */
import {
  createBindingId,
  createShapeId,
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLFrameShape,
  type TLNoteShape,
  type TLParentId,
  type TLRecord,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import { PROMPT_META_KEY, cardMeta, cardTypeDef } from '../web/cardTypes.js'
import { linkLabel, linkMeta } from '../web/linkTypes.js'
import { ZONE_META_KEY } from '../web/readWeb.js'
import { indexKeysAbove } from './indexKeys.js'
import { HOW_TO_WIDTH, NOTE_SIZE, howToText, layoutTemplate, type Box } from './layout.js'
import type { Template } from './types.js'

import { HOW_TO_META_KEY, TEMPLATE_INSTANCE_META_KEY, TEMPLATE_META_KEY, TEMPLATE_VERSION_META_KEY } from './metaKeys.js'

export interface BuildTemplateOptions {
  /** Page position of the template's top-left corner. */
  origin: { x: number; y: number }
  /** Page the shapes go on (a new board's page is `page:page`). */
  pageId?: string
  /** Highest index key among the page's existing top-level shapes: new shapes go above it. */
  aboveIndex?: string | null
  /** Deterministic ids (`shape:<seed>-<key>`) for golden tests; random ids when omitted. */
  idSeed?: string
}

type Idx = TLFrameShape['index']

export function buildTemplateRecords(template: Template, options: BuildTemplateOptions): TLRecord[] {
  const { origin } = options
  const pageId = (options.pageId ?? 'page:page') as TLParentId
  const layout = layoutTemplate(template)
  const seed = options.idSeed
  const shapeId = (key: string): TLShapeId => (seed === undefined ? createShapeId() : createShapeId(`${seed}-${key}`))
  const bindingId = (key: string) => (seed === undefined ? createBindingId() : createBindingId(`${seed}-${key}`))
  const instance = seed ?? createShapeId().slice('shape:'.length)
  const templateMeta = { [TEMPLATE_META_KEY]: template.id, [TEMPLATE_VERSION_META_KEY]: template.version, [TEMPLATE_INSTANCE_META_KEY]: instance }
  const base = (id: TLShapeId, parentId: TLParentId, index: string, x: number, y: number) => ({
    id,
    typeName: 'shape' as const,
    parentId,
    index: index as Idx,
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
  })

  // Top-level shapes: how-to, frames, then arrows (arrows above frames so they stay visible).
  const topKeys = indexKeysAbove(options.aboveIndex, 1 + template.zones.length + template.links.length)
  let top = 0
  const records: TLRecord[] = []

  const howTo: TLTextShape = {
    ...base(shapeId('how-to'), pageId, topKeys[top++], origin.x + layout.howTo.x, origin.y + layout.howTo.y),
    type: 'text',
    meta: { ...templateMeta, [HOW_TO_META_KEY]: true },
    props: {
      // Black, not grey: read at the zoom a whole template fits in, grey text was about 2.4:1 on white.
      color: 'black',
      size: 's',
      w: HOW_TO_WIDTH,
      font: 'sans',
      textAlign: 'start',
      autoSize: false,
      scale: 1,
      richText: toRichText(howToText(template)),
    },
  }
  records.push(howTo)

  const frameIds = new Map<string, TLShapeId>()
  for (const zone of template.zones) {
    const box = layout.zones.get(zone.key)!
    const id = shapeId(`zone-${zone.key}`)
    frameIds.set(zone.key, id)
    const frame: TLFrameShape = {
      ...base(id, pageId, topKeys[top++], origin.x + box.x, origin.y + box.y),
      type: 'frame',
      meta: zone.cardType ? { ...templateMeta, [ZONE_META_KEY]: zone.cardType } : { ...templateMeta },
      props: { w: box.w, h: box.h, name: zone.name, color: zone.color ?? (zone.cardType ? cardTypeDef(zone.cardType).color : 'grey') },
    }
    records.push(frame)
  }

  // Notes: children of their frame (index per parent), or top-level above the arrows.
  const cardIds = new Map<string, TLShapeId>()
  const childCount = new Map<string, number>()
  for (const card of template.cards) if (card.zone) childCount.set(card.zone, (childCount.get(card.zone) ?? 0) + 1)
  const childKeys = new Map([...childCount].map(([z, n]) => [z, indexKeysAbove(null, n)]))
  const looseCards = template.cards.filter((c) => !c.zone)
  const looseKeys = indexKeysAbove(topKeys[topKeys.length - 1], looseCards.length)
  for (const card of template.cards) {
    const local = layout.cards.get(card.key)!
    const id = shapeId(`card-${card.key}`)
    cardIds.set(card.key, id)
    const parent = local.zone ? frameIds.get(local.zone)! : pageId
    const index = local.zone ? childKeys.get(local.zone)!.shift()! : looseKeys.shift()!
    const x = local.zone ? local.x : origin.x + layout.cardBoxes.get(card.key)!.x
    const y = local.zone ? local.y : origin.y + layout.cardBoxes.get(card.key)!.y
    const note: TLNoteShape = {
      ...base(id, parent, index, x, y),
      type: 'note',
      meta: { ...cardMeta(card.type, card.fields), [PROMPT_META_KEY]: card.text },
      props: {
        color: cardTypeDef(card.type).color,
        labelColor: 'black',
        richText: toRichText(card.text),
        size: 's',
        font: 'sans',
        align: 'middle',
        verticalAlign: 'middle',
        growY: 0,
        fontSizeAdjustment: 1,
        url: '',
        scale: 1,
        textLastEditedBy: null,
      },
    }
    records.push(note)
  }

  const bends = linkBends(template, layout.cardBoxes, layout.zones)
  template.links.forEach((link, i) => {
    const a = layout.cardBoxes.get(link.from)!
    const b = layout.cardBoxes.get(link.to)!
    const start = { x: origin.x + a.x + NOTE_SIZE / 2, y: origin.y + a.y + NOTE_SIZE / 2 }
    const end = { x: origin.x + b.x + NOTE_SIZE / 2, y: origin.y + b.y + NOTE_SIZE / 2 }
    const id = shapeId(`link-${i}-${link.from}-${link.to}`)
    const arrow: TLArrowShape = {
      ...base(id, pageId, topKeys[top++], start.x, start.y),
      type: 'arrow',
      meta: linkMeta(link.type, link.twoWay ?? false),
      props: {
        kind: 'arc',
        elbowMidPoint: 0.5,
        dash: 'draw',
        size: 's',
        fill: 'none',
        color: 'grey',
        labelColor: 'black',
        bend: bends[i]!,
        start: { x: 0, y: 0 },
        end: { x: end.x - start.x, y: end.y - start.y },
        arrowheadStart: link.twoWay ? 'arrow' : 'none',
        arrowheadEnd: 'arrow',
        richText: toRichText(linkLabel(link.type)),
        labelPosition: 0.5,
        font: 'sans',
        scale: 1,
      },
    }
    records.push(arrow)
    for (const terminal of ['start', 'end'] as const) {
      const binding: TLArrowBinding = {
        id: bindingId(`link-${i}-${terminal}`),
        typeName: 'binding',
        type: 'arrow',
        fromId: id,
        toId: cardIds.get(terminal === 'start' ? link.from : link.to)!,
        meta: {},
        props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
      }
      records.push(binding)
    }
  })
  return records
}

interface Point {
  x: number
  y: number
}

/** Whether the segment p→q passes through the square card at `box` (grown by `margin`). Liang–Barsky. */
function segmentHitsCard(p: Point, q: Point, box: Point, margin: number): boolean {
  const [x0, y0, x1, y1] = [box.x - margin, box.y - margin, box.x + NOTE_SIZE + margin, box.y + NOTE_SIZE + margin]
  const dx = q.x - p.x
  const dy = q.y - p.y
  let t0 = 0
  let t1 = 1
  for (const [pk, qk] of [
    [-dx, p.x - x0],
    [dx, x1 - p.x],
    [-dy, p.y - y0],
    [dy, y1 - p.y],
  ] as const) {
    if (pk === 0) {
      if (qk < 0) return false
      continue
    }
    const t = qk / pk
    if (pk < 0) t0 = Math.max(t0, t)
    else t1 = Math.min(t1, t)
    if (t0 > t1) return false
  }
  return true
}

/**
 * A bend for each link: 0 (straight) unless its straight line would run through another card — cards
 * of a row linked to a card at its end (Option A and Option B both serving the need) drew their
 * arrows on one line, labels on top of each other and over the cards. Those arc away, alternately
 * above and below, further each time, so no two share a path; a bend that would put the link's label
 * over a card or a zone's title is passed over for the next (the label "serves" sat on "High value ·
 * low complexity: do first" in Scope negotiation). A straight link whose label would sit on one gets
 * a slight arc.
 */
function linkBends(template: Template, cards: ReadonlyMap<string, Box>, zones: ReadonlyMap<string, Box>): number[] {
  const used = new Set<number>()
  const centre = (c: Box) => ({ x: c.x + NOTE_SIZE / 2, y: c.y + NOTE_SIZE / 2 })
  // A frame's title is drawn just above its top edge.
  const obstacles = [...cards.values(), ...[...zones.values()].map((z) => ({ x: z.x, y: z.y - ZONE_TITLE_H, w: z.w, h: ZONE_TITLE_H + 8 }))]
  return template.links.map((link) => {
    const a = centre(cards.get(link.from)!)
    const b = centre(cards.get(link.to)!)
    const labelClear = (bend: number) => {
      const at = labelAt(a, b, bend)
      const label = { x: at.x - LABEL_HALF_W, y: at.y - LABEL_HALF_H, w: 2 * LABEL_HALF_W, h: 2 * LABEL_HALF_H }
      return !obstacles.some((o) => overlaps(label, o))
    }
    const blocked = [...cards].some(([key, box]) => key !== link.from && key !== link.to && segmentHitsCard(a, b, box, 8))
    if (!blocked && labelClear(0)) return 0
    const candidates: number[] = []
    // A straight line whose label only sits on a title ("Arch(informs)ecture") needs a slight arc.
    if (!blocked) for (const f of [0.25, 0.5]) for (const sign of [1, -1]) candidates.push(sign * f * NOTE_SIZE)
    for (let step = 1; step <= 6; step++) for (const sign of [1, -1]) candidates.push(sign * step * NOTE_SIZE * 0.75)
    const free = candidates.filter((bend) => !used.has(bend))
    const clear = free.find(labelClear)
    if (!blocked && clear === undefined) return 0
    const bend = clear ?? free[0]!
    used.add(bend)
    return bend
  })
}

/** Page units around a link's label ("depends on" at tldraw's label size) and a frame's title strip. */
const LABEL_HALF_W = 55
const LABEL_HALF_H = 14
const ZONE_TITLE_H = 36

/** Where tldraw draws the middle of an arrow (and its label) from a to b with `bend`: the chord's middle, moved `bend` along its normal. */
function labelAt(a: Point, b: Point, bend: number): Point {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1
  const ux = (b.x - a.x) / len
  const uy = (b.y - a.y) / len
  return { x: (a.x + b.x) / 2 - uy * bend, y: (a.y + b.y) / 2 + ux * bend }
}

function overlaps(p: Box, q: Box): boolean {
  return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h
}
