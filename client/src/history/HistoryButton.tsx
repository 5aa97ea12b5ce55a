/** "History" in the top bar: toggles the history panel (local UI state, never synced). */
import { useState } from 'react'
import { HistoryPanel } from './HistoryPanel'

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
      {open && <HistoryPanel onClose={() => setOpen(false)} />}
    </>
  )
}
