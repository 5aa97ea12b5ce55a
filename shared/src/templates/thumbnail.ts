/**
 * Gallery thumbnail ([W33]): the template's zones, cards and links as plain SVG boxes and lines in the
 * zone/card colours. Same layout as the records, so the picture is what the board gets. Deterministic.
 */
import type { TLDefaultColorStyle } from '@tldraw/tlschema'
import { cardTypeDef } from '../web/cardTypes.js'
import { layoutTemplate } from './layout.js'
import type { Template } from './types.js'

/** tldraw's light-theme solid colours (approximate; thumbnails only). */
export const COLOR_HEX: Record<TLDefaultColorStyle, string> = {
  black: '#1d1d1d',
  grey: '#9fa8b2',
  'light-violet': '#e085f4',
  violet: '#ae3ec9',
  blue: '#4465e9',
  'light-blue': '#4ba1f1',
  yellow: '#f1ac4b',
  orange: '#e16919',
  green: '#099268',
  'light-green': '#4cb05e',
  'light-red': '#f87777',
  red: '#e03131',
  white: '#ffffff',
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const r = (n: number) => Math.round(n)

export function renderTemplateThumbnailSvg(template: Template, size: { width: number; height: number } = { width: 320, height: 200 }): string {
  const layout = layoutTemplate(template)
  const { w, h } = layout.bounds
  const pad = 40
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="${-pad} ${-pad} ${r(w + 2 * pad)} ${r(h + 2 * pad)}" role="img" aria-label="${esc(template.name)}">`,
    `<rect x="${-pad}" y="${-pad}" width="${r(w + 2 * pad)}" height="${r(h + 2 * pad)}" fill="#f8f9fa"/>`,
  ]
  // The how-to note as a block of grey lines.
  const ht = layout.howTo
  for (let y = ht.y + 12; y < ht.y + ht.h; y += 36) {
    out.push(`<rect x="${r(ht.x)}" y="${r(y)}" width="${r(ht.w * (y === ht.y + 12 ? 0.8 : 0.95))}" height="14" rx="7" fill="#ced4da"/>`)
  }
  for (const zone of template.zones) {
    const b = layout.zones.get(zone.key)!
    const color = COLOR_HEX[zone.color ?? (zone.cardType ? cardTypeDef(zone.cardType).color : 'grey')]
    out.push(
      `<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="8" fill="#ffffff" stroke="${color}" stroke-width="8"/>`,
    )
  }
  for (const link of template.links) {
    const a = layout.cardBoxes.get(link.from)!
    const b = layout.cardBoxes.get(link.to)!
    out.push(
      `<line x1="${r(a.x + a.w / 2)}" y1="${r(a.y + a.h / 2)}" x2="${r(b.x + b.w / 2)}" y2="${r(b.y + b.h / 2)}" stroke="#495057" stroke-width="8"${link.twoWay ? '' : ' stroke-dasharray="24 12"'}/>`,
    )
  }
  for (const card of template.cards) {
    const b = layout.cardBoxes.get(card.key)!
    out.push(`<rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="6" fill="${COLOR_HEX[cardTypeDef(card.type).color]}"/>`)
  }
  out.push('</svg>')
  return out.join('\n')
}
