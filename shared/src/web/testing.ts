/**
 * Small hand-built webs for tests (not exported from the package index): cards placed on a grid,
 * typed links, optional zones, built with the template builder so they are real tldraw records.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { buildTemplateRecords } from '../templates/buildTemplateRecords.js'
import type { Template, TemplateCard, TemplateLink, TemplateZone } from '../templates/types.js'
import type { CardType } from './cardTypes.js'
import type { LinkType } from './linkTypes.js'

export type CardSpec = [key: string, type: CardType, text?: string, fields?: Record<string, string>, zone?: string]
export type LinkSpec = [from: string, type: LinkType, to: string, twoWay?: 'both']

/** Records for `cards` (left to right in the given order) and `links`; ids are `shape:t-card-<key>`. */
export function webRecords(cards: CardSpec[], links: LinkSpec[] = [], zones: TemplateZone[] = []): TLRecord[] {
  const template: Template = {
    id: 'test',
    version: 1,
    name: 'test',
    description: 'test',
    practice: 'test',
    howToRun: { summary: '', steps: [] },
    zones,
    cards: cards.map(([key, type, text, fields, zone], i): TemplateCard => ({
      key,
      type,
      text: text ?? key,
      fields,
      zone,
      at: zone ? { x: 20, y: 20 } : { x: i * 240, y: 0 },
    })),
    links: links.map(([from, type, to, twoWay]): TemplateLink => ({ from, to, type, twoWay: twoWay === 'both' })),
  }
  return buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 't' })
}

export const cardId = (key: string) => `shape:t-card-${key}`
