/**
 * Structural checks on a template ([W34]); the catalogue test runs them on every template, and a
 * client may run them on templates it receives from elsewhere (pasted JSON, a future registry).
 */
import { isCardType } from '../web/cardTypes.js'
import { isLinkType } from '../web/linkTypes.js'
import { layoutTemplate } from './layout.js'
import type { Template } from './types.js'

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Problems found, as readable sentences; empty when the template is fine. */
export function validateTemplate(t: Template): string[] {
  const errors: string[] = []
  if (!KEBAB.test(t.id)) errors.push(`id "${t.id}" is not kebab-case`)
  if (!Number.isInteger(t.version) || t.version < 1) errors.push('version must be a positive integer')
  if (!t.name.trim() || !t.description.trim()) errors.push('name and description are required')
  if (t.howToRun.steps.length === 0) errors.push('howToRun needs at least one step')
  for (const s of t.howToRun.steps) {
    if (!(s.minutes > 0) || !Number.isInteger(s.minutes)) errors.push(`step "${s.title}" needs whole minutes > 0`)
  }
  const zoneKeys = new Set<string>()
  for (const z of t.zones) {
    if (zoneKeys.has(z.key)) errors.push(`duplicate zone key ${z.key}`)
    zoneKeys.add(z.key)
    if (z.cardType !== undefined && !isCardType(z.cardType)) errors.push(`zone ${z.key}: unknown card type`)
    if (!(z.w > 0 && z.h > 0)) errors.push(`zone ${z.key}: empty size`)
  }
  const cardKeys = new Set<string>()
  for (const c of t.cards) {
    if (cardKeys.has(c.key)) errors.push(`duplicate card key ${c.key}`)
    cardKeys.add(c.key)
    if (!isCardType(c.type)) errors.push(`card ${c.key}: unknown card type`)
    if (c.zone !== undefined && !zoneKeys.has(c.zone)) errors.push(`card ${c.key}: unknown zone ${c.zone}`)
    if (c.zone === undefined && c.at === undefined) errors.push(`card ${c.key}: outside zones it needs "at"`)
    const zone = t.zones.find((z) => z.key === c.zone)
    if (zone?.cardType && zone.cardType !== c.type) errors.push(`card ${c.key}: a ${c.type} in a ${zone.cardType} zone`)
  }
  for (const l of t.links) {
    if (!isLinkType(l.type)) errors.push(`link ${l.from}→${l.to}: unknown type`)
    if (!cardKeys.has(l.from) || !cardKeys.has(l.to)) errors.push(`link ${l.from}→${l.to}: unknown card`)
    if (l.from === l.to) errors.push(`link ${l.from}→${l.to}: links a card to itself`)
  }
  if (errors.length > 0) return errors
  // Geometry: every zoned card inside its zone, zones do not overlap.
  const layout = layoutTemplate(t)
  for (const c of t.cards) {
    if (!c.zone) continue
    const z = layout.zones.get(c.zone)!
    const b = layout.cardBoxes.get(c.key)!
    if (b.x < z.x || b.y < z.y || b.x + b.w > z.x + z.w || b.y + b.h > z.y + z.h) errors.push(`card ${c.key} overflows zone ${c.zone}`)
  }
  const zones = [...layout.zones.entries()]
  for (let i = 0; i < zones.length; i++) {
    for (let j = i + 1; j < zones.length; j++) {
      const [ka, a] = zones[i]
      const [kb, b] = zones[j]
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) errors.push(`zones ${ka} and ${kb} overlap`)
    }
  }
  return errors
}
