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

/** The same state in a word or two, for a phone's top bar (the full wording stays in `title`). */
export function describeSyncShort(state: Pick<BoardSessionSnapshot, 'status' | 'pending' | 'serverRestarting'>): string {
  switch (state.status) {
    case 'connecting':
      return state.serverRestarting ? 'Restarting…' : 'Connecting…'
    case 'offline':
      if (state.serverRestarting) return state.pending > 0 ? `Restarting · ${state.pending} unsaved` : 'Restarting…'
      return state.pending > 0 ? `Offline · ${state.pending} unsaved` : 'Offline'
    case 'live':
      return state.pending > 0 ? `Saving ${state.pending}…` : 'Saved'
  }
}
