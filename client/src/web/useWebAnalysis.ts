/**
 * The board's web, read live: `readWeb` + `analyzeWeb` (the same pure functions the server uses for
 * the brief) over the store's records, recomputed at most every DEBOUNCE_MS after document changes
 * from anyone (local or remote). Only mounted while a consumer (the lens) is visible.
 */
import { analyzeWeb, readWeb, type Web, type WebAnalysis } from '@overlap/shared'
import { useEffect, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { withoutHiddenShapes } from '../workshop/private/visibleRecords'

export const WEB_ANALYSIS_DEBOUNCE_MS = 150

export interface WebSnapshot {
  web: Web
  analysis: WebAnalysis
}

export function readWebSnapshot(editor: Editor): WebSnapshot {
  // Others' unrevealed private drafts must not show in counts or findings ([WS8]).
  const web = readWeb(withoutHiddenShapes(editor, editor.store.allRecords()))
  return { web, analysis: analyzeWeb(web) }
}

export function useWebAnalysis(editor: Editor): WebSnapshot {
  const [snapshot, setSnapshot] = useState(() => readWebSnapshot(editor))
  // Which shapes this user's editor hides changes without a document change (a private round is
  // revealed, [WS8]): read again then too.
  const hiddenKey = useValue('hidden shapes', () => [...editor.getCurrentPageShapeIds()].filter((id) => editor.isShapeHidden(id)).join(), [editor])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    setSnapshot(readWebSnapshot(editor))
    const stop = editor.store.listen(
      () => {
        if (timer !== null) return
        timer = setTimeout(() => {
          timer = null
          setSnapshot(readWebSnapshot(editor))
        }, WEB_ANALYSIS_DEBOUNCE_MS)
      },
      { scope: 'document', source: 'all' }
    )
    return () => {
      stop()
      if (timer !== null) clearTimeout(timer)
    }
  }, [editor, hiddenKey])
  return snapshot
}
