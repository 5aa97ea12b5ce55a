/**
 * Templates are data ([W30]): zones (frames, optionally typed), prompt cards (typed notes), typed links
 * and a facilitator's "how to run" note. `buildTemplateRecords` turns one into tldraw records.
 *
 * Coordinates: zones are placed in the template's zone area (x to the right of the how-to note);
 * a card in a zone is placed in the zone's next free slot unless it gives `at` (relative to the zone);
 * a card outside any zone must give `at` (relative to the zone area).
 */
import type { TLDefaultColorStyle } from '@tldraw/tlschema'
import type { CardType } from '../web/cardTypes.js'
import type { LinkType } from '../web/linkTypes.js'

export interface TemplateZone {
  key: string
  name: string
  /** The card type that belongs here; omitted for zones any card may go into. */
  cardType?: CardType
  x: number
  y: number
  w: number
  h: number
  /** Frame colour; defaults to the card type's colour, else grey. */
  color?: TLDefaultColorStyle
}

export interface TemplateCard {
  key: string
  type: CardType
  text: string
  zone?: string
  at?: { x: number; y: number }
  fields?: Partial<Record<string, string>>
}

export interface TemplateLink {
  from: string
  to: string
  type: LinkType
  twoWay?: boolean
}

export interface TemplateStep {
  title: string
  minutes: number
  detail: string
}

export interface Template {
  /** Kebab-case, stable forever (stored on the board in `meta.overlapTemplate`). */
  id: string
  /** Bumped whenever the template's content changes. */
  version: number
  name: string
  description: string
  /** The practice (from the product brief's seeds) the template comes from. */
  practice: string
  howToRun: { summary: string; steps: TemplateStep[] }
  zones: TemplateZone[]
  cards: TemplateCard[]
  links: TemplateLink[]
}

export function totalMinutes(template: Template): number {
  return template.howToRun.steps.reduce((sum, s) => sum + s.minutes, 0)
}
