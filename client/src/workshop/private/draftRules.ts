/**
 * Private mode's decisions ([WS8]), pure: which new shape becomes a draft, and which drafts are
 * this user's own unrevealed ones. Hiding is `isHiddenDraft` in the shared contract.
 *
 * Drafts are made of what people write with: notes (cards are notes), text and geo shapes (a
 * rectangle with a word in it is a sticky for many people). Frames, arrows, drawings, images and
 * the rest stay public: they are structure or decoration, and a hidden arrow to a public card would
 * be more confusing than useful.
 */
import { parseDraftMeta, type DraftMeta, type PrivateState } from '@overlap/shared'

export const DRAFT_SHAPE_TYPES: ReadonlySet<string> = new Set(['note', 'text', 'geo'])

export interface NewShape {
  type: string
  /** tldraw's store source: only shapes made in this tab ('user') become drafts. */
  source: 'user' | 'remote'
}

/**
 * The draft meta a shape THIS user creates gets, or null. `inFrame(frameId)` answers whether the
 * new shape lies in the round's frame; it is only asked when the round has one. A shape pasted
 * from an old draft is a new draft of this round (or no draft), never someone else's.
 */
export function draftFor(state: PrivateState, userId: string, shape: NewShape, inFrame: (frameId: string) => boolean): DraftMeta | null {
  if (shape.source !== 'user' || state.status !== 'on' || !DRAFT_SHAPE_TYPES.has(shape.type)) return null
  if (state.frameId !== null && !inFrame(state.frameId)) return null
  return { round: state.round, author: userId }
}

/** A draft of `userId`'s own whose round is not revealed yet: shown to them with a "Private" badge. */
export function isOwnUnrevealedDraft(meta: unknown, userId: string, revealedRounds: readonly string[]): boolean {
  const draft = parseDraftMeta(meta)
  return draft !== null && draft.author === userId && !revealedRounds.includes(draft.round)
}
