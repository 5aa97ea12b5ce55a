import { createContext, useContext } from 'react'
import type { BoardSessionSnapshot } from './boardSession'
import type { Role } from '@overlap/shared'
import type { UndoGuards } from './undoGuards'

/**
 * tldraw renders UI slots (SharePanel, TopPanel) as zero-prop components, so the board's own
 * state reaches them through this context.
 */
export interface BoardUiState {
  boardId: string
  boardName: string
  /** This device's role on the board ([A7]). */
  role: Role
  state: BoardSessionSnapshot
  maxShapesPerPage: number
  editIdentity(): void
  /**
   * Deletes this device's copy of the board, unsaved changes included, and reloads from the server:
   * the way out when the server refused one of those changes for good (too large, [S9]).
   */
  discardLocalChanges(): void
  /**
   * Bumped each time the undo/redo buttons are pointed at the board's own history (see
   * `linkEditorHistory`): the quick actions remount on it, so their cached `canUndo`/`canRedo`
   * read the board's history, not tldraw's unused one.
   */
  historyEpoch: number
  /** Rules that may refuse an undo/redo step (the facilitator lock registers one). */
  undoGuards: UndoGuards
  /** Lets the UI hand tldraw's toast function to code outside the editor (the asset store). */
  setToaster(toast: ((message: string, severity: 'error' | 'warning' | 'info') => void) | null): void
}

export const BoardUiContext = createContext<BoardUiState | null>(null)

export function useBoardUi(): BoardUiState {
  const ctx = useContext(BoardUiContext)
  if (!ctx) throw new Error('useBoardUi outside <BoardUiContext.Provider>')
  return ctx
}
