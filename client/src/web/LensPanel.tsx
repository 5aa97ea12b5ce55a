/**
 * The web lens: a side panel that reads the board live (useWebAnalysis) — counts per card and link
 * type, the traceability findings ([W12]–[W18]; click one to zoom to it), a type filter, and for the
 * selected card its "why?" chain up to business needs and its "so what?" chain down.
 */
import {
  CARD_TYPES,
  COLOR_HEX,
  LINK_TYPES,
  cardTypeDef,
  linkLabel,
  soWhatChain,
  whyChain,
  type Chain,
  type Finding,
  type Web,
} from '@overlap/shared'
import { useEditor, useValue, type Editor, type TLShapeId } from 'tldraw'
import { useWebAnalysis } from './useWebAnalysis'
import { useWebUi } from './webUi'
import { showInClearArea } from '../board/clearArea'

function zoomTo(editor: Editor, ids: string[]): void {
  const shapeIds = ids.filter((id) => editor.getShape(id as TLShapeId)) as TLShapeId[]
  if (shapeIds.length === 0) return
  const bounds = editor.getShapesPageBounds(shapeIds)
  editor.select(...shapeIds)
  // Into the part of the canvas the lens and the top bar leave free.
  if (bounds) showInClearArea(editor, bounds, { animationMs: 220, maxZoom: Math.min(1, editor.getZoomLevel() * 2), padding: 64 })
}

function shortText(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim() || 'untitled'
  return t.length > 60 ? `${t.slice(0, 59)}…` : t
}

export function LensPanel() {
  const editor = useEditor()
  const ui = useWebUi()
  const { web, analysis } = useWebAnalysis(editor)
  const filter = useValue('filter', () => ui.filterType.get(), [ui])
  const selectedId = useValue('selected card', () => editor.getOnlySelectedShapeId(), [editor])
  const selectedCard = web.cards.find((c) => c.id === selectedId) ?? null
  const linkTotal = web.links.length

  return (
    <aside className="ov-lens" data-testid="lens-panel" onWheel={(e) => e.stopPropagation()}>
      <header className="ov-lens-header">
        <h2>Web lens</h2>
        <button type="button" className="ov-icon-button" aria-label="Close lens" data-testid="lens-close" onClick={() => ui.lensOpen.set(false)}>
          ×
        </button>
      </header>

      <section>
        <h3>
          Cards <span className="ov-muted">{web.cards.length}</span>
        </h3>
        <ul className="ov-lens-counts">
          {CARD_TYPES.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={`ov-lens-type${filter === t.id ? ' ov-lens-type-active' : ''}`}
                aria-pressed={filter === t.id}
                title={filter === t.id ? 'Show all types' : `Highlight ${t.plural.toLowerCase()}`}
                data-testid={`lens-filter-${t.id}`}
                onClick={() => ui.filterType.set(filter === t.id ? null : t.id)}
              >
                <span className="ov-swatch" style={{ background: COLOR_HEX[t.color] }} />
                <span className="ov-lens-type-label">{t.plural}</span>
                <span className="ov-lens-count" data-testid={`lens-card-count-${t.id}`}>
                  {analysis.cardCounts[t.id]}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3>
          Links <span className="ov-muted">{linkTotal}</span>
        </h3>
        <ul className="ov-lens-links">
          {LINK_TYPES.filter((t) => analysis.linkCounts[t] > 0).map((t) => (
            <li key={t}>
              {linkLabel(t)} <span className="ov-lens-count" data-testid={`lens-link-count-${t}`}>{analysis.linkCounts[t]}</span>
            </li>
          ))}
          {linkTotal === 0 && <li className="ov-muted">No typed links yet.</li>}
        </ul>
      </section>

      <section>
        <h3>
          Traceability <span className="ov-muted" data-testid="lens-finding-count">{analysis.findings.length}</span>
        </h3>
        <ul className="ov-lens-findings" data-testid="lens-findings">
          {analysis.findings.map((f) => (
            <FindingItem key={f.id} finding={f} onZoom={() => zoomTo(editor, f.linkId ? [f.linkId] : f.cardIds)} />
          ))}
          {analysis.findings.length === 0 && <li className="ov-muted">Everything traces. Nothing to flag.</li>}
        </ul>
      </section>

      {selectedCard && (
        <section data-testid="lens-chains">
          <h3>Selected: {cardTypeDef(selectedCard.type).label}</h3>
          <p className="ov-lens-selected">{shortText(selectedCard.text)}</p>
          <ChainList title="Why?" testId="lens-why-chain" web={web} chain={whyChain(web, selectedCard.id)} editor={editor} empty="Serves no business need yet." />
          <ChainList title="So what?" testId="lens-sowhat-chain" web={web} chain={soWhatChain(web, selectedCard.id)} editor={editor} empty="Leads to no requirement or decision yet." />
        </section>
      )}
    </aside>
  )
}

function FindingItem({ finding, onZoom }: { finding: Finding; onZoom(): void }) {
  return (
    <li>
      <button type="button" className="ov-lens-finding" data-testid="lens-finding" data-finding-id={finding.id} data-kind={finding.kind} onClick={onZoom}>
        {finding.message}
      </button>
    </li>
  )
}

function ChainList({ title, testId, web, chain, editor, empty }: { title: string; testId: string; web: Web; chain: Chain; editor: Editor; empty: string }) {
  const cards = new Map(web.cards.map((c) => [c.id, c]))
  return (
    <div className="ov-lens-chain" data-testid={testId}>
      <h4>{title}</h4>
      {chain.steps.length === 0 ? (
        <p className="ov-muted">{empty}</p>
      ) : (
        <ol>
          {chain.steps.map((step) => {
            const card = cards.get(step.cardId)
            if (!card) return null
            const def = cardTypeDef(card.type)
            return (
              <li key={step.cardId} style={{ marginLeft: (step.depth - 1) * 12 }}>
                <button type="button" className="ov-lens-step" data-card-id={card.id} onClick={() => zoomTo(editor, [card.id])}>
                  <span className="ov-lens-via">{linkLabel(step.viaLinkType)}</span>
                  <span className="ov-swatch" style={{ background: COLOR_HEX[def.color] }} title={def.label} />
                  {shortText(card.text)}
                  {chain.reached.includes(card.id) && <span className="ov-lens-reached"> ✓</span>}
                </button>
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}
