/**
 * "Download brief": the same `buildBrief` the server runs for GET /api/boards/:id/brief.md|json, over
 * this tab's copy of the board, so both give the same text for the same records ([W21]).
 */
import { buildBrief, type Brief, type EndedVote } from '@overlap/shared'
import type { Editor } from 'tldraw'
import { withoutHiddenShapes } from '../workshop/private/visibleRecords'

export type BriefFormat = 'md' | 'json'

export function briefFileName(boardName: string, format: BriefFormat): string {
  const slug =
    boardName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'board'
  return `${slug}-brief.${format}`
}

/**
 * `votes`: the board's ended votes (the doc's `workshop` map), as the server passes them ([WS7]).
 * Others' unrevealed private drafts stay out ([WS8]); the server's brief has them (it sees the doc).
 */
export function briefFor(editor: Editor, boardName: string, now: Date = new Date(), votes: readonly EndedVote[] = []): Brief {
  return buildBrief(withoutHiddenShapes(editor, editor.store.allRecords()), { boardName, generatedAt: now.toISOString(), votes })
}

export function briefBlob(brief: Brief, format: BriefFormat): Blob {
  return format === 'md'
    ? new Blob([brief.markdown], { type: 'text/markdown;charset=utf-8' })
    : new Blob([JSON.stringify(brief.json, null, 2) + '\n'], { type: 'application/json' })
}

/** Saves a blob through a temporary `<a download>` (no server round trip, works offline). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Revoke after the click has been handled (revoking at once can cancel the download).
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function downloadBrief(editor: Editor, boardName: string, format: BriefFormat, votes: readonly EndedVote[]): void {
  saveBlob(briefBlob(briefFor(editor, boardName, new Date(), votes), format), briefFileName(boardName, format))
}
