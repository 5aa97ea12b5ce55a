/**
 * Whether a file's content fits into the open board as one change, checked before anything is
 * pasted. Two limits would otherwise bite afterwards, where the user cannot see them:
 * - tldraw silently refuses shapes past a page's `maxShapesPerPage` (trap 10): the import did nothing;
 * - the import is ONE Yjs update (one undoable change), sent as one socket message: over the server's
 *   `MAX_MESSAGE_BYTES` the socket is closed with 4413, and the same change is sent again on every
 *   reconnect, so nothing this browser does on the board is saved any more.
 * Measured, not guessed: the records are written into a scratch doc with the board's own layout.
 */
import * as Y from 'yjs'
import { writeRecordsToDoc } from '@overlap/shared'
import type { TLRecord } from 'tldraw'
import { formatBytes } from '../board/assetStore'

export interface ImportFit {
  /** Shapes already on the page the content goes to. */
  shapesOnPage: number
  maxShapesPerPage: number
  maxMessageBytes: number
}

/** Bytes of the Yjs update that writing `records` into a board makes (images as URLs, not inline). */
export function changeBytes(records: readonly TLRecord[]): number {
  const scratch = new Y.Doc()
  // The largest client id (ids are random 32-bit numbers, written as varUints): the count is the
  // most any browser's doc would send, and the same on every call.
  scratch.clientID = 0xffffffff
  let bytes = 0
  scratch.on('update', (u: Uint8Array) => (bytes += u.byteLength))
  // An inline image is uploaded first and stored as a URL; count it as one.
  const asStored = records.map((r) =>
    r.typeName === 'asset' && typeof (r.props as { src?: unknown }).src === 'string' && (r.props as { src: string }).src.startsWith('data:')
      ? ({ ...r, props: { ...r.props, src: `/api/boards/xxxxxxxxxxxxxxxxxxxxxx/assets/${'x'.repeat(32)}` } } as TLRecord)
      : r
  )
  writeRecordsToDoc(scratch, asStored)
  scratch.destroy()
  return bytes
}

/** Why the content cannot go into the open board, or null if it fits. */
export function importProblem(records: readonly TLRecord[], fit: ImportFit): string | null {
  const shapes = records.filter((r) => r.typeName === 'shape').length
  if (fit.shapesOnPage + shapes > fit.maxShapesPerPage) {
    const here = fit.shapesOnPage > 0 ? ` and this page already has ${fit.shapesOnPage.toLocaleString('en')}` : ''
    return (
      `it has ${shapes.toLocaleString('en')} shapes${here}; a page holds at most ${fit.maxShapesPerPage.toLocaleString('en')}.` +
      (fit.shapesOnPage > 0 ? ' Import it on an empty page, or as a new board.' : '')
    )
  }
  // A few bytes of message header besides the update.
  const bytes = changeBytes(records) + 16
  if (bytes > fit.maxMessageBytes) {
    return `it makes one change of ${formatBytes(bytes)}, and the server takes at most ${formatBytes(fit.maxMessageBytes)} at once. Import it as a new board instead.`
  }
  return null
}
