/**
 * `/b/<boardId>/s/<snapshotId>`: one snapshot in a read-only tldraw. The store is built from the
 * server's JSON with `loadSnapshot` (which migrates it), and there is NO sync connection: nothing done
 * here can reach the live board.
 */
import 'tldraw/tldraw.css'
import { MAX_SHAPES_PER_PAGE } from '@overlap/shared'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useState } from 'react'
import { Tldraw, createTLStore, defaultBindingUtils, defaultShapeUtils, loadSnapshot, type Editor, type TLStore } from 'tldraw'
import { getSnapshot, type SnapshotMeta } from '../api/snapshotsApi'
import { getConfig } from '../config'
import { CardNoteShapeUtil } from '../web/CardNoteShapeUtil'
import { formatTime } from './formatTime'
import './history.css'

declare global {
  interface Window {
    /** e2e / debugging: the snapshot page's editor (the live board's is `window.__overlap`). */
    __overlapSnapshot?: { editor: Editor; meta: SnapshotMeta }
  }
}

const assetUrls = getAssetUrlsByImport()
const shapeUtils = [CardNoteShapeUtil]
const options = { maxShapesPerPage: MAX_SHAPES_PER_PAGE }

type Loaded = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; meta: SnapshotMeta; store: TLStore }

export function SnapshotPage({ boardId, snapshotId }: { boardId: string; snapshotId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' })

  useEffect(() => {
    let cancelled = false
    getSnapshot(boardId, snapshotId)
      .then(({ meta, document }) => {
        const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
        // The server's JSON is untrusted input: loadSnapshot validates and migrates it (throws if it cannot).
        loadSnapshot(store, { document } as unknown as Parameters<typeof loadSnapshot>[1])
        if (!cancelled) setLoaded({ kind: 'ready', meta, store })
      })
      .catch((err: unknown) => {
        if (!cancelled) setLoaded({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
      })
    return () => {
      cancelled = true
    }
  }, [boardId, snapshotId])

  useEffect(() => {
    if (loaded.kind === 'ready') document.title = `${loaded.meta.name} (snapshot) · Overlap`
    return () => {
      document.title = 'Overlap'
    }
  }, [loaded])

  const boardHref = `/b/${encodeURIComponent(boardId)}`
  if (loaded.kind === 'loading') return <div className="ov-loading">Loading snapshot…</div>
  if (loaded.kind === 'error') {
    return (
      <div className="ov-loading" data-testid="snapshot-error">
        <p>Could not open this snapshot: {loaded.message}</p>
        <a href={boardHref}>Back to the live board</a>
      </div>
    )
  }

  const { meta, store } = loaded
  const onMount = (editor: Editor) => {
    editor.updateInstanceState({ isReadonly: true })
    editor.zoomToFit({ animation: { duration: 0 } })
    window.__overlapSnapshot = { editor, meta }
  }
  return (
    <div className="ov-snapshot-page">
      <div className="ov-snapshot-banner" data-testid="snapshot-banner" data-snapshot-id={meta.id}>
        <span>
          Snapshot “{meta.name}” — {formatTime(meta.createdAt)} (read-only)
        </span>
        <a href={boardHref} data-testid="snapshot-back-link">
          Back to the live board
        </a>
      </div>
      <div className="ov-snapshot-canvas">
        <Tldraw store={store} assetUrls={assetUrls} licenseKey={getConfig().tldrawLicenseKey} options={options} shapeUtils={shapeUtils} onMount={onMount} />
      </div>
    </div>
  )
}
