/** Grid helper for the built-in templates: zones on a 560 px grid, 480 px per cell (2×2 notes). */
import type { CardType } from '../web/cardTypes.js'
import type { TemplateZone } from './types.js'

export const CELL = 480
export const STEP = 560
/** Top-left of a note centred in a one-cell zone. */
export const CENTRE = { x: (CELL - 200) / 2, y: (CELL - 200) / 2 }

export function zone(
  key: string,
  name: string,
  cardType: CardType | undefined,
  col: number,
  row: number,
  size: { cols?: number; rows?: number } = {},
): TemplateZone {
  const cols = size.cols ?? 1
  const rows = size.rows ?? 1
  const z: TemplateZone = { key, name, x: col * STEP, y: row * STEP, w: cols * STEP - (STEP - CELL), h: rows * STEP - (STEP - CELL) }
  if (cardType) z.cardType = cardType
  return z
}
