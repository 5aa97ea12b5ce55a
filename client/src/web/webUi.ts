/**
 * Local (never synced) UI state of the web features: which panels are open, the type filter, the
 * last card type used. Atoms, so tldraw overrides (plain functions) and React components read and
 * write the same state; one instance per open board, created by BoardEditor.
 */
import { createContext, useContext } from 'react'
import { atom, type Atom } from 'tldraw'
import type { CardType } from '@overlap/shared'
import type { BoardBinding } from '../board/binding'

export type GalleryState = { open: false } | { open: true; auto: boolean }

export interface WebUi {
  readonly pickerOpen: Atom<boolean>
  readonly lensOpen: Atom<boolean>
  readonly gallery: Atom<GalleryState>
  /** Dim every shape that is not a card (or zone) of this type; local to this tab. */
  readonly filterType: Atom<CardType | null>
  readonly lastCardType: Atom<CardType>
  /** The binding, for undo-step boundaries around multi-record writes (template insertion). */
  getBinding(): BoardBinding | null
}

export function createWebUi(getBinding: () => BoardBinding | null, options: { autoGallery?: boolean } = {}): WebUi {
  return {
    pickerOpen: atom('overlap card picker', false),
    lensOpen: atom('overlap lens', false),
    gallery: atom<GalleryState>('overlap gallery', options.autoGallery ? { open: true, auto: true } : { open: false }),
    filterType: atom<CardType | null>('overlap filter', null),
    lastCardType: atom<CardType>('overlap last card type', 'requirement'),
    getBinding,
  }
}

export const WebUiContext = createContext<WebUi | null>(null)

export function useWebUi(): WebUi {
  const ui = useContext(WebUiContext)
  if (!ui) throw new Error('useWebUi outside <WebUiContext.Provider>')
  return ui
}
