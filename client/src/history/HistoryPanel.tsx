/**
 * The history side panel: save a named snapshot, list snapshots (newest first), open one read-only,
 * restore one into the live board (one change of ours: everyone sees it live, Ctrl+Z takes it back), and compare one
 * with the board now (rows zoom to the shape; added/changed shapes are outlined in THIS tab only).
 */
import { useCallback, useEffect, useState } from 'react'
import { Box, useEditor, type TLShapeId } from 'tldraw'
import { createSnapshot, getBoardDocument, getSnapshot, listSnapshots, type SnapshotMeta } from '../api/snapshotsApi'
import { useBoardUi } from '../board/BoardUiContext'
import { useWorkshopPresence } from '../workshop/presence/WorkshopPresenceContext'
import { showInClearArea } from '../board/clearArea'
import { useIdentity } from '../identity/IdentityContext'
import { storedLinks, tokenFromLink } from '../access/boardAccess'
import { snapshotPath } from '../routes'
import { compareItems, highlightCss, type CompareItem } from './compareItems'
import { formatTime } from './formatTime'
import { restoreIntoEditor } from './restoreIntoEditor'
import './history.css'

/** `after` null = the board now. */
type Comparison = { snapshot: SnapshotMeta; after: SnapshotMeta | null; items: CompareItem[] }

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function HistoryPanel({ onClose }: { onClose: () => void }) {
  const editor = useEditor()
  const presence = useWorkshopPresence()
  const { boardId, role } = useBoardUi()
  const { identity } = useIdentity()
  const [snapshots, setSnapshots] = useState<SnapshotMeta[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [confirmRestore, setConfirmRestore] = useState<string | null>(null)
  const [comparison, setComparison] = useState<Comparison | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const refresh = useCallback(async () => {
    try {
      setSnapshots(await listSnapshots(boardId))
    } catch (err) {
      setError(`Could not load snapshots: ${messageOf(err)}`)
    }
  }, [boardId])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const run = async (what: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await what()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const save = () =>
    run(async () => {
      const trimmed = name.trim() || `Snapshot ${new Date().toLocaleString()}`
      await createSnapshot(boardId, trimmed.slice(0, 100), identity?.name ?? null)
      setName('')
      await refresh()
    })

  const restore = (s: SnapshotMeta) =>
    run(async () => {
      setConfirmRestore(null)
      const { document } = await getSnapshot(boardId, s.id)
      const { put, removed } = restoreIntoEditor(editor, document)
      if (put + removed > 0) presence?.announceRestore(s.name)
      setComparison(null)
      setNotice(put + removed > 0 ? `Restored “${s.name}” for everyone (Ctrl+Z undoes it).` : `The board already equals “${s.name}”.`)
    })

  const compare = (s: SnapshotMeta) =>
    run(async () => {
      const [then, now] = await Promise.all([getSnapshot(boardId, s.id), getBoardDocument(boardId)])
      const { items } = compareItems(Object.values(then.document.store), Object.values(now.store))
      setComparison({ snapshot: s, after: null, items })
    })

  /** Two snapshots: what changed from `older` to `newer`. */
  const compareSnapshots = (older: SnapshotMeta, newer: SnapshotMeta) =>
    run(async () => {
      const [a, b] = await Promise.all([getSnapshot(boardId, older.id), getSnapshot(boardId, newer.id)])
      const { items } = compareItems(Object.values(a.document.store), Object.values(b.document.store))
      setComparison({ snapshot: older, after: newer, items })
    })

  const zoomTo = (item: CompareItem) => {
    const id = item.id as TLShapeId
    const parent = item.parentShapeId as TLShapeId | null
    // Still on the board: its bounds. Gone: where it was (top level) or the frame it was in.
    const bounds = editor.getShape(id)
      ? editor.getShapePageBounds(id)
      : item.box
        ? new Box(item.box.x, item.box.y, item.box.w, item.box.h)
        : parent && editor.getShape(parent)
          ? editor.getShapePageBounds(parent)
          : null
    if (!bounds) return
    showInClearArea(editor, bounds, { animationMs: 250, maxZoom: Math.min(1, editor.getZoomLevel() * 2), padding: 48 })
  }

  return (
    <aside className="ov-history-panel" data-testid="history-panel" aria-label="History">
      <header className="ov-history-header">
        <strong>History</strong>
        <button type="button" data-testid="history-close" aria-label="Close history" onClick={onClose}>
          ×
        </button>
      </header>
      {/* A viewer may read snapshots but not take one (403, [A7]). */}
      {role !== 'view' && (
        <form
          className="ov-history-save"
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <input
            data-testid="snapshot-name"
            placeholder="Snapshot name"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            // Keep tldraw's shortcuts away from the text field.
            onKeyDown={(e) => e.stopPropagation()}
          />
          <button type="submit" data-testid="snapshot-save" disabled={busy}>
            Save snapshot
          </button>
        </form>
      )}
      {error && (
        <p className="ov-history-error" role="alert" data-testid="history-error">
          {error}
        </p>
      )}
      {notice && (
        <p className="ov-history-notice" data-testid="history-notice">
          {notice}
        </p>
      )}
      {comparison && <ComparisonView comparison={comparison} onZoom={zoomTo} onClear={() => setComparison(null)} />}
      {snapshots === null && !error && <p>Loading…</p>}
      {snapshots !== null && snapshots.length === 0 && <p className="ov-history-empty">No snapshots yet.</p>}
      <ol className="ov-history-list" data-testid="snapshot-list">
        {snapshots?.map((s, i, all) => (
          <li key={s.id} data-testid="snapshot-item" data-snapshot-id={s.id} data-kind={s.kind}>
            <div className="ov-history-item-title">
              <span className="ov-history-item-name">{s.name}</span>
              <span className={`ov-history-kind ov-history-kind-${s.kind}`}>{s.kind}</span>
            </div>
            <div className="ov-history-item-meta">
              {s.author ?? 'server'} · {formatTime(s.createdAt)}
            </div>
            <div className="ov-history-item-meta" data-testid="snapshot-summary">
              {s.summary.shapes} shapes · {s.summary.cards} cards · {s.summary.links} links
            </div>
            <div className="ov-history-actions">
              <a
                href={shareableSnapshotHref(boardId, s.id)}
                target="_blank"
                rel="noopener"
                title="Opens read-only; the address carries the board's view link when this browser has it, so it can be shared"
                data-testid="snapshot-open"
              >
                Open
              </a>
              <button type="button" data-testid="snapshot-compare" disabled={busy} onClick={() => void compare(s)}>
                Compare with now
              </button>
              {/* Newest first: the next item is the snapshot taken before this one. */}
              {all[i + 1] && (
                <button
                  type="button"
                  data-testid="snapshot-compare-previous"
                  disabled={busy}
                  onClick={() => void compareSnapshots(all[i + 1]!, s)}
                >
                  Compare with previous
                </button>
              )}
              {!editor.getIsReadonly() && (
                <button type="button" data-testid="snapshot-restore" disabled={busy} onClick={() => setConfirmRestore(s.id)}>
                  Restore
                </button>
              )}
            </div>
            {confirmRestore === s.id && (
              <div className="ov-history-confirm" data-testid="restore-confirm">
                <span>Replace the board with “{s.name}” for everyone? (Ctrl+Z undoes it.)</span>
                <button type="button" data-testid="restore-confirm-yes" onClick={() => void restore(s)}>
                  Restore
                </button>
                <button type="button" data-testid="restore-confirm-no" onClick={() => setConfirmRestore(null)}>
                  Cancel
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </aside>
  )
}

function ComparisonView({ comparison, onZoom, onClear }: { comparison: Comparison; onZoom: (i: CompareItem) => void; onClear: () => void }) {
  const { snapshot, after, items } = comparison
  const count = (c: CompareItem['change']) => items.filter((i) => i.change === c).length
  return (
    <section className="ov-history-compare" data-testid="compare-panel" data-snapshot-id={snapshot.id}>
      <style data-testid="compare-highlight-style">{highlightCss(items)}</style>
      <header>
        <strong>
          “{snapshot.name}” → {after ? `“${after.name}”` : 'now'}
        </strong>
        <button type="button" data-testid="compare-clear" onClick={onClear}>
          Done
        </button>
      </header>
      <p data-testid="compare-counts">
        {count('added')} added · {count('removed')} removed · {count('changed')} changed
      </p>
      {items.length === 0 && <p>No differences.</p>}
      <ul>
        {items.map((i) => (
          <li key={`${i.change}:${i.id}`}>
            <button
              type="button"
              className={`ov-compare-item ov-compare-${i.change}`}
              data-testid="compare-item"
              data-shape-id={i.id}
              data-change={i.change}
              data-kind={i.kind}
              onClick={() => onZoom(i)}
            >
              <span className="ov-compare-change">{i.change}</span> {i.label}
              {i.details.length > 0 && <span className="ov-compare-details"> ({i.details.join(', ')})</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The snapshot's URL with the board's VIEW token when this browser knows it: safe to share. */
function shareableSnapshotHref(boardId: string, snapshotId: string): string {
  const view = storedLinks(boardId).view
  const token = view ? tokenFromLink(view) : null
  return snapshotPath(boardId, snapshotId) + (token ? `?token=${encodeURIComponent(token)}` : '')
}
