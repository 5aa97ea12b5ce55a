/** What a snapshot list shows without decoding a snapshot: counts of shapes, typed cards and links. */
import type { TLRecord } from '@tldraw/tlschema'
import { readWeb } from '../web/readWeb.js'

export interface SnapshotSummary {
  shapes: number
  /** Typed cards (`readWeb`), a subset of `shapes`. */
  cards: number
  /** Typed arrows bound to a card at both ends (`readWeb`). */
  links: number
}

export function summarizeRecords(records: readonly TLRecord[] | readonly unknown[]): SnapshotSummary {
  let shapes = 0
  for (const r of records) if ((r as { typeName?: unknown }).typeName === 'shape') shapes++
  const web = readWeb(records)
  return { shapes, cards: web.cards.length, links: web.links.length }
}
