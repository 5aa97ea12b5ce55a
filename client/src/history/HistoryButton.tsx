/** "History" in the top bar: toggles the history panel (local UI state, never synced). */
import { lazy, Suspense, useState } from 'react'

// Loaded on first open: the board's first paint does not wait for the history and compare code.
const HistoryPanel = lazy(() => import('./HistoryPanel').then((m) => ({ default: m.HistoryPanel })))

export function HistoryButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className={`ov-webbar-button${open ? ' ov-webbar-button-active' : ''}`}
        aria-pressed={open}
        data-testid="history-button"
        onClick={() => setOpen(!open)}
      >
        History
      </button>
      {open && (
        <Suspense fallback={null}>
          <HistoryPanel onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
