/**
 * Rules that may refuse an undo/redo step before it is applied ([B16]). The undo action
 * (undoOverrides.ts) asks every registered guard with the ids of the records the step would
 * change; one "no" drops the step. The facilitator lock registers one ([WS9], LockLayer.tsx): a
 * participant's Ctrl+Z must not move a shape that was locked after they moved it.
 */
export type UndoGuard = (recordIds: ReadonlySet<string>) => boolean

export interface UndoGuards {
  /** Registers a guard; returns its removal. A guard that says no tells the user why itself. */
  add(guard: UndoGuard): () => void
  allows(recordIds: ReadonlySet<string>): boolean
}

export function createUndoGuards(): UndoGuards {
  const guards = new Set<UndoGuard>()
  return {
    add(guard) {
      guards.add(guard)
      return () => guards.delete(guard)
    },
    allows(recordIds) {
      for (const guard of guards) if (!guard(recordIds)) return false
      return true
    },
  }
}
