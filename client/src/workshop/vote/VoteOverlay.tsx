/**
 * Voting on the canvas (tldraw's `InFrontOfTheCanvas` slot), placed over each card's page bounds the
 * way the web overlay places its panels:
 * - open vote: MY dots on each card (never others': the server keeps them, [WS6]); in vote mode a
 *   click on a card adds a vote, Shift/Alt-click or the "−" removes one. Out of vote mode the cards
 *   edit as usual.
 * - ended vote: the total on each card (and the product / engineering split when that is on).
 */
import type { EndedVote, OpenVote } from '@overlap/shared'
import { useMemo } from 'react'
import { useEditor, useToasts, useValue, type Editor, type TLShapeId } from 'tldraw'
import { splitBySide, splitLabel } from './splitBySide'
import { useVoteView } from './useVoteView'
import { useVoteUi } from './voteUi'
import './vote.css'

const MAX_DOTS_DRAWN = 10

interface CardBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/** Viewport boxes of the cards on the current page, re-read when the camera or the cards move. */
function useCardBoxes(editor: Editor, cardIds: readonly string[]): CardBox[] {
  const key = cardIds.join(',')
  return useValue(
    'overlap vote card boxes',
    () => {
      const page = editor.getCurrentPageId()
      const boxes: CardBox[] = []
      for (const id of cardIds) {
        const shapeId = id as TLShapeId
        // A card hidden from this user (another author's private draft, [WS8]) gets no marker.
        if (!editor.getShape(shapeId) || editor.getAncestorPageId(shapeId) !== page || editor.isShapeHidden(shapeId)) continue
        const b = editor.getShapePageBounds(shapeId)
        if (!b) continue
        const tl = editor.pageToViewport({ x: b.minX, y: b.minY })
        const br = editor.pageToViewport({ x: b.maxX, y: b.maxY })
        boxes.push({ id, x: tl.x, y: tl.y, w: br.x - tl.x, h: br.y - tl.y })
      }
      return boxes
    },
    // Keyed by the ids' text, not the array: the doc re-parse gives a new array on every change.
    [editor, key]
  )
}

export function VoteOverlay() {
  const view = useVoteView()
  if (view.open) return <OpenVoteLayer vote={view.open} voteMode={view.voteMode} />
  if (view.countsVisible && view.results) return <CountsLayer vote={view.results} />
  return null
}

function OpenVoteLayer({ vote, voteMode }: { vote: OpenVote; voteMode: boolean }) {
  const editor = useEditor()
  const { addToast } = useToasts()
  const ui = useVoteUi()
  const mine = useValue(ui.ballots.mine)
  const boxes = useCardBoxes(editor, vote.cardIds)

  const cast = async (cardId: string, delta: 1 | -1) => {
    const r = await ui.ballots.cast(vote.id, cardId, delta, { onePerCard: vote.config.onePerCard })
    if (!r.ok) addToast({ severity: 'warning', title: delta === 1 ? 'Vote not counted' : 'Vote not removed', description: r.error })
  }
  return (
    <div className="ov-vote-layer" data-testid="vote-layer" data-vote-id={vote.id}>
      {boxes.map((b) => {
        const n = mine?.voteId === vote.id ? (mine.mine[b.id] ?? 0) : 0
        return (
          <div key={b.id} className="ov-vote-card" style={{ left: b.x, top: b.y, width: b.w, height: b.h }}>
            {voteMode && (
              <button
                type="button"
                className="ov-vote-target"
                data-testid="vote-target"
                data-card-id={b.id}
                aria-label={`Vote for this card (Shift-click removes a vote)`}
                onPointerDown={(e) => e.stopPropagation()}
                onClick={(e) => void cast(b.id, e.shiftKey || e.altKey ? -1 : 1)}
              />
            )}
            {n > 0 && (
              <div className="ov-vote-dots" aria-label={`${n} of your votes`}>
                {Array.from({ length: Math.min(n, MAX_DOTS_DRAWN) }, (_, i) => (
                  <span key={i} className="ov-vote-dot" data-testid="vote-dot" data-card-id={b.id} />
                ))}
                {n > MAX_DOTS_DRAWN && <span className="ov-vote-more">+{n - MAX_DOTS_DRAWN}</span>}
              </div>
            )}
            {voteMode && n > 0 && (
              <button
                type="button"
                className="ov-vote-remove"
                data-testid="vote-remove"
                data-card-id={b.id}
                title="Remove one of your votes"
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => void cast(b.id, -1)}
              >
                −
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}

function CountsLayer({ vote }: { vote: EndedVote }) {
  const editor = useEditor()
  const ui = useVoteUi()
  const split = useValue(ui.split)
  const rows = useMemo(() => new Map(splitBySide(vote.results).map((r) => [r.row.cardId, r])), [vote])
  const boxes = useCardBoxes(editor, vote.cardIds)
  return (
    <div className="ov-vote-layer" data-testid="vote-counts" data-vote-id={vote.id}>
      {boxes.map((b) => {
        const r = rows.get(b.id)
        if (!r || r.row.total === 0) return null
        return (
          <div key={b.id} className={`ov-vote-card${split && r.flagged ? ' ov-vote-card-disagree' : ''}`} style={{ left: b.x, top: b.y, width: b.w, height: b.h }}>
            <div className="ov-vote-count" data-testid="vote-count" data-card-id={b.id} data-total={r.row.total}>
              {r.row.total}
              {split && (
                <span className="ov-vote-count-split" data-testid="vote-count-split">
                  {splitLabel(r.row.bySide)}
                </span>
              )}
            </div>
          </div>
        )
      })}
    </div>
  )
}
