/**
 * The text of a card (note or any shape with rich text) as the doc holds it, read the way the brief
 * reads cards (`richTextToPlain`): vote results keep it so they stay readable after the card is gone.
 */
import type * as Y from 'yjs'
import { getBaseline, getRecordsMap, readRecord, richTextToPlain } from '@overlap/shared'

export const MAX_TITLE_CHARS = 200

/**
 * The title of a card that was deleted while the vote was open: its votes still count, and the
 * results must not rank an anonymous "Untitled card" as if it were still on the board.
 */
export const DELETED_CARD_TITLE = '(card deleted during the vote)'

export function cardTitleReader(doc: Y.Doc): (shapeId: string) => string {
  const records = getRecordsMap(doc)
  const baseline = getBaseline(doc)
  return (shapeId) => {
    const stored = records.get(shapeId)
    if (stored === undefined) return DELETED_CARD_TITLE
    const record = readRecord(shapeId, stored, baseline)
    const props = record?.props
    if (typeof props !== 'object' || props === null) return ''
    const p = props as Record<string, unknown>
    const text = p.richText !== undefined ? richTextToPlain(p.richText) : typeof p.text === 'string' ? p.text : ''
    return text.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_CHARS)
  }
}
