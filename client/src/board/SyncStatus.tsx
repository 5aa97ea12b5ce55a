import type { BoardSessionSnapshot } from './boardSession'
import { describeSync, describeSyncShort } from './describeSync'

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
      {/* Shown instead of the label on narrow screens (styles.css); the label stays for screen readers. */}
      <span className="ov-sync-label-short" aria-hidden="true">
        {describeSyncShort(state)}
      </span>
    </div>
  )
}
