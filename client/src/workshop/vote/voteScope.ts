/**
 * Which cards a new vote covers. A card is any tldraw `note` (typed cards are notes too, [W2]); a
 * frame's cards are its descendants (a note inside a group inside the frame counts). Pure over plain
 * records, so it is tested without an editor; the dialog passes the page's shapes in reading order
 * and that order becomes the vote's `cardIds` (the server breaks ties in the results by it). A frame
 * or the page leaves out empty cards and unanswered template prompts.
 */
import { MAX_VOTE_CARDS, isUnansweredPrompt, richTextToPlain } from '@overlap/shared'

export interface ScopeShape {
  id: string
  type: string
  parentId: string
  props?: { name?: unknown; richText?: unknown }
  meta?: Record<string, unknown>
}

export type VoteScopeKind = 'frame' | 'selection' | 'page'

export interface VoteScopeOption {
  kind: VoteScopeKind
  /** What the vote bar and results say: "Frame “Risks”", "3 selected cards", "All cards". */
  label: string
  cardIds: string[]
  /** Why the option cannot be used (no frame selected, no cards, too many cards), or null. */
  unavailable: string | null
}

const isCard = (s: ScopeShape) => s.type === 'note'

/**
 * Whether a card found inside a frame or on the page is worth a vote: not an empty card, not a
 * template's prompt nobody has answered ([W24]). Cards picked one by one are taken as they are.
 */
function isVotable(s: ScopeShape): boolean {
  if (s.props?.richText === undefined) return true
  const text = richTextToPlain(s.props.richText)
  return text.trim() !== '' && !isUnansweredPrompt(s.meta, text)
}

/** Whether `id`'s parent chain reaches `ancestorId` (parents are looked up in `byId`). */
function isDescendant(id: string, ancestorId: string, byId: ReadonlyMap<string, ScopeShape>): boolean {
  let parent = byId.get(id)?.parentId
  // Bounded walk: a corrupt doc with a parent cycle must not hang the dialog.
  for (let depth = 0; parent !== undefined && depth < 1000; depth++) {
    if (parent === ancestorId) return true
    parent = byId.get(parent)?.parentId
  }
  return false
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function option(kind: VoteScopeKind, label: string, cardIds: string[], missing: string | null): VoteScopeOption {
  const unavailable =
    missing ?? (cardIds.length === 0 ? 'No cards there' : cardIds.length > MAX_VOTE_CARDS ? `At most ${MAX_VOTE_CARDS} cards per vote` : null)
  return { kind, label, cardIds, unavailable }
}

/**
 * The three scopes for the current page: the selected frame's cards (exactly one frame selected),
 * the selected cards (notes selected, or inside a selected group/frame), all cards on the page.
 */
export function voteScopeOptions(input: { shapes: readonly ScopeShape[]; pageId: string; selectedIds: readonly string[] }): VoteScopeOption[] {
  const byId = new Map(input.shapes.map((s) => [s.id, s]))
  const onPage = input.shapes.filter((s) => isCard(s) && isDescendant(s.id, input.pageId, byId))
  const selected = input.selectedIds.map((id) => byId.get(id)).filter((s): s is ScopeShape => s !== undefined)

  const frames = selected.filter((s) => s.type === 'frame')
  const frame = frames.length === 1 ? frames[0] : null
  const frameName = !frame ? null : typeof frame.props?.name === 'string' && frame.props.name.trim() ? frame.props.name.trim() : 'Frame'
  const frameCards = frame ? onPage.filter((c) => isVotable(c) && isDescendant(c.id, frame.id, byId)).map((c) => c.id) : []

  const selectedSet = new Set(selected.map((s) => s.id))
  const selectedCards = onPage
    .filter((c) => selectedSet.has(c.id) || (isVotable(c) && selected.some((s) => s.type !== 'note' && isDescendant(c.id, s.id, byId))))
    .map((c) => c.id)

  return [
    option('frame', frameName === null ? 'The selected frame' : `Frame “${frameName}”`, frameCards, frame ? null : frames.length > 1 ? 'Select only one frame' : 'Select a frame first'),
    option('selection', plural(selectedCards.length, 'selected card', 'selected cards'), selectedCards, selected.length ? null : 'Select some cards first'),
    option('page', 'All cards', onPage.filter(isVotable).map((c) => c.id), null),
  ]
}

/** The scope the dialog proposes first: the most specific one that can be used. */
export function defaultScope(options: readonly VoteScopeOption[]): VoteScopeKind {
  return options.find((o) => o.unavailable === null)?.kind ?? 'page'
}
