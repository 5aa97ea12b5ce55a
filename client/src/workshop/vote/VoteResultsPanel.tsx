/**
 * Results of an ended vote ([WS7]): the ranked cards with their totals, "Split by side" (votes per
 * side, cards that product and engineering weigh most differently first and flagged), voter names for
 * named votes, "Download CSV", past votes of this board, and "Hide results" (this tab only).
 */
import { SIDE_OR_UNKNOWN, type EndedVote, type SideOrUnknown } from '@overlap/shared'
import { useMemo } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { saveBlob } from '../../web/briefDownload'
import { showInClearArea } from '../../board/clearArea'
import { useWorkshop } from '../WorkshopContext'
import { ranks, resultsCsv, resultsCsvFileName } from './resultsCsv'
import { endedVotes } from './resultsSelection'
import { splitBySide } from './splitBySide'
import { useVoteUi } from './voteUi'

const SIDE_LABEL: Record<SideOrUnknown, string> = { product: 'Product', engineering: 'Eng', design: 'Design', other: 'Other', unknown: '?' }

const shortTitle = (t: string) => {
  const s = t.replace(/\s+/g, ' ').trim()
  return s.length > 60 ? `${s.slice(0, 59)}…` : s || 'Untitled card'
}
const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

export function VoteResultsPanel({ vote }: { vote: EndedVote }) {
  const editor = useEditor()
  const ui = useVoteUi()
  const { state } = useWorkshop()
  const split = useValue(ui.split)
  const history = endedVotes(state)
  const rank = useMemo(() => new Map(ranks(vote.results).map((r, i) => [vote.results[i].cardId, r])), [vote])
  const rows = useMemo(
    () => (split ? splitBySide(vote.results) : vote.results.map((row) => ({ row, score: 0, flagged: false }))),
    [vote, split]
  )
  const voters = SIDE_OR_UNKNOWN.reduce((n, s) => n + vote.votersBySide[s], 0)
  const named = !vote.config.anonymous

  const zoomTo = (cardId: string) => {
    const b = editor.getShapePageBounds(cardId as TLShapeId)
    if (b) showInClearArea(editor, b, { animationMs: 250, padding: 64 })
  }

  return (
    <aside className="ov-vote-results" data-testid="vote-results" data-vote-id={vote.id} data-split={split} onPointerDown={(e) => e.stopPropagation()}>
      <header className="ov-vote-results-header">
        <h2>Vote results</h2>
        <button type="button" className="ov-vote-icon" aria-label="Close" data-testid="vote-results-close" onClick={() => ui.panelClosedFor.set(vote.id)}>
          ×
        </button>
      </header>
      {history.length > 1 ? (
        <select
          className="ov-vote-history"
          data-testid="vote-history-select"
          aria-label="Which vote"
          value={vote.id}
          onChange={(e) => ui.shownVoteId.set(e.target.value)}
        >
          {history.map((v, i) => (
            <option key={v.id} value={v.id}>
              {i === 0 ? 'Latest: ' : ''}
              {v.scopeLabel || 'Vote'} — {when(v.endedAt)}
            </option>
          ))}
        </select>
      ) : (
        <p className="ov-vote-results-scope">
          {vote.scopeLabel || 'Vote'} — {when(vote.endedAt)}
        </p>
      )}
      <p className="ov-muted" data-testid="vote-voters-by-side">
        {voters} voter{voters === 1 ? '' : 's'}
        {voters > 0 && ': '}
        {SIDE_OR_UNKNOWN.filter((s) => vote.votersBySide[s] > 0)
          .map((s) => `${SIDE_LABEL[s]} ${vote.votersBySide[s]}`)
          .join(' · ')}
        {' · '}
        {vote.config.votesPerPerson} vote{vote.config.votesPerPerson === 1 ? '' : 's'} each{named ? ', named' : ', anonymous'}
      </p>
      <label className="ov-vote-split-toggle">
        <input type="checkbox" data-testid="vote-split" checked={split} onChange={(e) => ui.split.set(e.target.checked)} />
        Split by side
      </label>
      {split && <p className="ov-muted ov-vote-hint">Sorted by how differently product and engineering spent their votes (share of each side's votes); ⚑ marks the widest gaps.</p>}
      <ol className="ov-vote-result-list" data-testid="vote-result-list">
        {rows.map(({ row, score, flagged }) => (
          <li key={row.cardId} className={`ov-vote-result-row${flagged ? ' ov-vote-result-disagree' : ''}`} data-testid="vote-result-row" data-card-id={row.cardId} data-total={row.total} data-disagree={flagged}>
            <button type="button" className="ov-vote-result-main" title="Show on the board" onClick={() => zoomTo(row.cardId)}>
              <span className="ov-vote-result-rank">{rank.get(row.cardId)}.</span>
              <span className="ov-vote-result-title" data-testid="vote-result-title">
                {shortTitle(row.title)}
              </span>
              <span className="ov-vote-result-total" data-testid="vote-result-total">
                {row.total}
              </span>
            </button>
            {split && (
              <div className="ov-vote-result-sides">
                {SIDE_OR_UNKNOWN.map((s) => (
                  <span key={s} className={`ov-vote-side ov-vote-side-${s}`} data-testid="vote-result-side" data-side={s} data-count={row.bySide[s]}>
                    {SIDE_LABEL[s]} {row.bySide[s]}
                  </span>
                ))}
                {flagged && (
                  <span className="ov-vote-flag" data-testid="vote-disagree-flag">
                    ⚑ {score > 0 ? 'product' : 'engineering'} +{Math.round(Math.abs(score) * 100)} pts
                  </span>
                )}
              </div>
            )}
            {named && row.voters && row.voters.length > 0 && (
              <div className="ov-vote-result-voters" data-testid="vote-result-voters">
                {row.voters.join(', ')}
              </div>
            )}
          </li>
        ))}
      </ol>
      <div className="ov-vote-actions">
        <button
          type="button"
          className="ov-button ov-button-secondary ov-button-small"
          data-testid="vote-hide-results"
          title="Hide the counts and this panel on this device"
          onClick={() => ui.hiddenResultsFor.set(vote.id)}
        >
          Hide results
        </button>
        <button
          type="button"
          className="ov-button ov-button-small"
          data-testid="vote-download-csv"
          onClick={() => saveBlob(new Blob([resultsCsv(vote)], { type: 'text/csv;charset=utf-8' }), resultsCsvFileName(vote))}
        >
          Download CSV
        </button>
      </div>
    </aside>
  )
}
