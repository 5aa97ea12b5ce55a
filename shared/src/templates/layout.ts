/**
 * Geometry of a template on the board, shared by the record builder, `templateBounds` and the
 * thumbnail so the three always agree ([W32]).
 */
import type { Template, TemplateCard, TemplateZone } from './types.js'

/** tldraw's note is 200×200 at scale 1 (`NOTE_SIZE`); growY is 0 for short prompt text. */
export const NOTE_SIZE = 200
export const SLOT_GAP = 20
export const ZONE_PADDING = 20
/** The how-to text sits left of the zones. */
export const HOW_TO_WIDTH = 400
export const HOW_TO_GAP = 60
/** Estimated how-to text metrics (tldraw size 's', sans): used for bounds only, tldraw measures the real text. */
const HOW_TO_LINE_PX = 24
const HOW_TO_CHARS_PER_LINE = 44

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface TemplateLayout {
  howTo: Box
  /** Zone frames, relative to the template origin. */
  zones: Map<string, Box>
  /** Card top-left relative to its zone (if in one) or to the origin. */
  cards: Map<string, { x: number; y: number; zone: string | null }>
  /** Card boxes relative to the template origin. */
  cardBoxes: Map<string, Box>
  bounds: Box
}

export const ZONE_AREA_X = HOW_TO_WIDTH + HOW_TO_GAP

/** The how-to note's text (also rendered on the board). */
export function howToText(template: Template): string {
  const lines = [`How to run: ${template.name}`, '', template.howToRun.summary, '']
  template.howToRun.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.title} (${s.minutes} min): ${s.detail}`))
  const total = template.howToRun.steps.reduce((sum, s) => sum + s.minutes, 0)
  lines.push('', `About ${total} minutes in all.`)
  return lines.join('\n')
}

function estimateTextHeight(text: string): number {
  let lines = 0
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / HOW_TO_CHARS_PER_LINE))
  return lines * HOW_TO_LINE_PX
}

/** Slot `i` of a zone: rows of as many notes as fit the zone's width. */
export function slotPosition(zone: TemplateZone, i: number): { x: number; y: number } {
  const perRow = Math.max(1, Math.floor((zone.w - 2 * ZONE_PADDING + SLOT_GAP) / (NOTE_SIZE + SLOT_GAP)))
  return {
    x: ZONE_PADDING + (i % perRow) * (NOTE_SIZE + SLOT_GAP),
    y: ZONE_PADDING + Math.floor(i / perRow) * (NOTE_SIZE + SLOT_GAP),
  }
}

export function layoutTemplate(template: Template): TemplateLayout {
  const zones = new Map<string, Box>()
  for (const z of template.zones) zones.set(z.key, { x: ZONE_AREA_X + z.x, y: z.y, w: z.w, h: z.h })
  const cards = new Map<string, { x: number; y: number; zone: string | null }>()
  const cardBoxes = new Map<string, Box>()
  const used = new Map<string, number>()
  const zoneByKey = new Map(template.zones.map((z) => [z.key, z]))
  for (const card of template.cards) {
    const local = cardPosition(card, zoneByKey, used)
    cards.set(card.key, local)
    const parent = local.zone ? zones.get(local.zone)! : { x: ZONE_AREA_X, y: 0 }
    cardBoxes.set(card.key, { x: parent.x + local.x, y: parent.y + local.y, w: NOTE_SIZE, h: NOTE_SIZE })
  }
  const howTo = { x: 0, y: 0, w: HOW_TO_WIDTH, h: estimateTextHeight(howToText(template)) }
  const boxes = [howTo, ...zones.values(), ...cardBoxes.values()]
  const right = Math.max(...boxes.map((b) => b.x + b.w))
  const bottom = Math.max(...boxes.map((b) => b.y + b.h))
  return { howTo, zones, cards, cardBoxes, bounds: { x: 0, y: 0, w: right, h: bottom } }
}

function cardPosition(
  card: TemplateCard,
  zones: Map<string, TemplateZone>,
  used: Map<string, number>,
): { x: number; y: number; zone: string | null } {
  const zone = card.zone ? zones.get(card.zone) : undefined
  if (!zone) return { ...(card.at ?? { x: 0, y: 0 }), zone: null }
  if (card.at) return { ...card.at, zone: zone.key }
  const i = used.get(zone.key) ?? 0
  used.set(zone.key, i + 1)
  return { ...slotPosition(zone, i), zone: zone.key }
}

/** Width and height of the template as placed on the board (for placing it without overlap). */
export function templateBounds(template: Template): { w: number; h: number } {
  const { bounds } = layoutTemplate(template)
  return { w: bounds.w, h: bounds.h }
}
