import type { BoardSessionSnapshot } from './boardSession'

/** Human wording for the sync state; kept apart from the component so it can be tested. */
export function describeSync(state: Pick<BoardSessionSnapshot, 'status' | 'pending' | 'serverRestarting'>): string {
  const unsaved = state.pending === 1 ? '1 unsaved change' : `${state.pending} unsaved changes`
  switch (state.status) {
    case 'connecting':
      return state.serverRestarting ? 'Server restarting, reconnecting…' : 'Connecting…'
    case 'offline':
      if (state.serverRestarting) return state.pending > 0 ? `Server restarting, reconnecting… (${unsaved})` : 'Server restarting, reconnecting…'
      return state.pending > 0 ? `Offline — ${unsaved}` : 'Offline — all changes saved'
    case 'live':
      return state.pending > 0 ? `Saving ${state.pending}…` : 'All changes saved'
  }
}

/**
 * Always-visible sync state. Also the e2e hook: `data-status`, `data-pending` and `data-shapes`
 * (shapes on the current page) let tests wait for convergence instead of sleeping.
 */
export function SyncStatus({ state, shapes }: { state: BoardSessionSnapshot; shapes: number }) {
  const label = describeSync(state)
  return (
    <div
      className={`ov-sync ov-sync-${state.status}`}
      data-testid="sync-state"
      data-status={state.status}
      data-pending={state.pending}
      data-shapes={shapes}
      role="status"
      aria-live="polite"
      title={label}
    >
      <span className="ov-sync-dot" aria-hidden="true" />
      <span className="ov-sync-label">{label}</span>
    </div>
  )
}
