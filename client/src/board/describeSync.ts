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
