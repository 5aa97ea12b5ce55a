/**
 * The facilitator's "Start vote" dialog: scope (the selected frame's cards, the selected cards, or
 * every card on the page), votes per person (1–99), one vote per card, anonymous. Sends `vote.start`
 * with the card ids in reading order; the server refuses a second open vote ([WS5]) and says why.
 */
import type { VoteConfig } from '@overlap/shared'
import { useMemo, useState } from 'react'
import { useEditor, type Editor } from 'tldraw'
import { useDismiss } from '../../ui/useDismiss'
import { useWorkshop } from '../WorkshopContext'
import { defaultScope, voteScopeOptions, type ScopeShape, type VoteScopeKind } from './voteScope'

/**
 * The page's shapes as this user sees them, cards in reading order (top to bottom, then left to
 * right). Shapes hidden from this user (others' private drafts, [WS8]) are left out: a vote must not
 * reveal that they exist.
 */
function pageShapesInReadingOrder(editor: Editor): ScopeShape[] {
  const withPos = editor.getCurrentPageShapes().filter((s) => !editor.isShapeHidden(s)).map((s) => {
    const b = editor.getShapePageBounds(s)
    return { s, y: b ? Math.round(b.minY) : 0, x: b ? Math.round(b.minX) : 0 }
  })
  withPos.sort((a, b) => a.y - b.y || a.x - b.x)
  return withPos.map(({ s }) => ({ id: s.id, type: s.type, parentId: s.parentId, props: s.props as ScopeShape['props'], meta: s.meta }))
}

export function VoteStartDialog({ onClose }: { onClose(): void }) {
  const editor = useEditor()
  const { api } = useWorkshop()
  // Escape or a press outside the dialog (on the dimmed board) cancels, wherever the focus is.
  const dialogRef = useDismiss<HTMLFormElement>(true, onClose)
  // Taken once, when the dialog opens: the scope is what was selected when the facilitator asked.
  const options = useMemo(
    () =>
      voteScopeOptions({
        shapes: pageShapesInReadingOrder(editor),
        pageId: editor.getCurrentPageId(),
        selectedIds: editor.getSelectedShapeIds(),
      }),
    [editor]
  )
  const [scope, setScope] = useState<VoteScopeKind>(() => defaultScope(options))
  const [votes, setVotes] = useState('3')
  const [onePerCard, setOnePerCard] = useState(false)
  const [anonymous, setAnonymous] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = options.find((o) => o.kind === scope) ?? options[options.length - 1]

  const submit = async () => {
    const n = Number(votes)
    if (!Number.isInteger(n) || n < 1 || n > 99) return setError('Votes per person must be a whole number from 1 to 99')
    if (chosen.unavailable) return setError(chosen.unavailable)
    const config: VoteConfig = { votesPerPerson: n, onePerCard, anonymous }
    setBusy(true)
    setError(null)
    try {
      await api.act({ type: 'vote.start', cardIds: chosen.cardIds, scopeLabel: chosen.label, config })
      onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="ov-vote-backdrop">
      <form
        ref={dialogRef}
        className="ov-vote-dialog"
        role="dialog"
        aria-label="Start a dot vote"
        data-testid="vote-start-dialog"
        // Typing in the dialog must not reach tldraw's shortcuts.
        onKeyDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <h2>Start a dot vote</h2>
        <fieldset>
          <legend>Cards</legend>
          {options.map((o) => (
            <label key={o.kind} className={o.unavailable ? 'ov-vote-option-off' : undefined} title={o.unavailable ?? undefined}>
              <input
                type="radio"
                name="vote-scope"
                data-testid={`vote-scope-${o.kind}`}
                checked={scope === o.kind}
                disabled={o.unavailable !== null}
                onChange={() => setScope(o.kind)}
              />
              {o.label}
              <span className="ov-muted"> — {o.unavailable ?? `${o.cardIds.length} card${o.cardIds.length === 1 ? '' : 's'}`}</span>
            </label>
          ))}
        </fieldset>
        <label className="ov-vote-field">
          Votes per person
          <input
            type="number"
            min={1}
            max={99}
            step={1}
            data-testid="vote-per-person"
            autoFocus
            value={votes}
            onChange={(e) => setVotes(e.target.value)}
          />
        </label>
        <label>
          <input type="checkbox" data-testid="vote-one-per-card" checked={onePerCard} onChange={(e) => setOnePerCard(e.target.checked)} />
          At most one vote per card
        </label>
        <label>
          <input type="checkbox" data-testid="vote-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          Anonymous (results show counts only, not who voted)
        </label>
        {error && (
          <div className="ov-vote-error" role="alert" data-testid="vote-start-error">
            {error}
          </div>
        )}
        <div className="ov-vote-actions">
          <button type="button" className="ov-button ov-button-secondary ov-button-small" data-testid="vote-start-cancel" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="ov-button ov-button-small" data-testid="vote-start-submit" disabled={busy || chosen.unavailable !== null}>
            Start vote
          </button>
        </div>
      </form>
    </div>
  )
}
