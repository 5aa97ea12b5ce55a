/**
 * The contextual panel above the selection: for one selected card its type and fields; for one
 * selected arrow bound to two cards its link type and two-way toggle. Text fields commit on blur or
 * Enter (one store change, one undo step), so a remote edit of the same field shows while the field
 * is not being typed into.
 */
import {
  CARD_TYPES,
  LINK_TYPES,
  cardFieldsFor,
  cardTypeDef,
  linkLabel,
  parseCardMeta,
  parseLinkMeta,
  readWeb,
  type CardFieldDef,
  type CardType,
  type LinkType,
} from '@overlap/shared'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useEditor, useValue, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { linkEnds, setCardFields, setCardType, setLinkType, setTwoWay } from './cardActions'

const PANEL_GAP_PX = 12

type Target =
  | { kind: 'card'; shape: TLShape; anchor: { x: number; top: number; bottom: number } }
  | { kind: 'link'; shape: TLShape; ends: { start: TLShapeId; end: TLShapeId } | null; anchor: { x: number; top: number; bottom: number } }

function cardText(editor: Editor, id: TLShapeId): string {
  const shape = editor.getShape(id)
  if (!shape) return ''
  const card = readWeb([shape]).cards[0]
  const text = card?.text.replace(/\s+/g, ' ').trim() ?? ''
  return text.length > 28 ? `${text.slice(0, 27)}…` : text || 'untitled'
}

function useTarget(editor: Editor): Target | null {
  return useValue(
    'overlap inspector target',
    () => {
      if (editor.getIsReadonly()) return null
      if (editor.isInAny('select.translating', 'select.resizing', 'select.rotating', 'select.dragging_handle', 'select.brushing')) return null
      const shape = editor.getOnlySelectedShape()
      if (!shape) return null
      const bounds = editor.getSelectionPageBounds()
      if (!bounds) return null
      const tl = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      const br = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
      const anchor = { x: (tl.x + br.x) / 2, top: tl.y, bottom: br.y }
      if (shape.type === 'note' && parseCardMeta(shape.meta)) return { kind: 'card', shape, anchor }
      if (shape.type === 'arrow') {
        const ends = linkEnds(editor, shape.id)
        if (ends || parseLinkMeta(shape.meta)) return { kind: 'link', shape, ends, anchor }
      }
      return null
    },
    [editor]
  )
}

export function SelectionInspector() {
  const editor = useEditor()
  const target = useTarget(editor)
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  // Measured after render so the panel can be kept inside the viewport (it may wrap to two rows).
  useLayoutEffect(() => {
    if (ref.current && ref.current.offsetWidth !== width) setWidth(ref.current.offsetWidth)
  })
  if (!target) return null
  const { anchor } = target
  const viewport = editor.getViewportScreenBounds()
  const left = Math.max(PANEL_GAP_PX, Math.min(anchor.x - width / 2, viewport.w - width - PANEL_GAP_PX))
  const above = anchor.top > 140
  const style = above
    ? { left, top: anchor.top - PANEL_GAP_PX, transform: 'translate(0, -100%)' }
    : { left, top: anchor.bottom + PANEL_GAP_PX }
  return (
    <div ref={ref} className="ov-inspector" style={style} data-testid="web-inspector" data-kind={target.kind} onPointerDown={(e) => e.stopPropagation()}>
      {target.kind === 'card' ? <CardInspector editor={editor} shape={target.shape} /> : <LinkInspector editor={editor} shape={target.shape} ends={target.ends} />}
    </div>
  )
}

function CardInspector({ editor, shape }: { editor: Editor; shape: TLShape }) {
  const meta = parseCardMeta(shape.meta)
  if (!meta) return null
  const fields = cardFieldsFor(meta.type)
  const values = meta.fields as Record<string, string>
  return (
    <>
      <label className="ov-inspector-field">
        <span>Card</span>
        <select
          data-testid="card-type-select"
          value={meta.type}
          onChange={(e) => setCardType(editor, shape.id, e.target.value as CardType)}
        >
          {CARD_TYPES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {fields.map((f) => (
        <FieldInput key={`${shape.id}:${f.key}`} field={f} value={values[f.key] ?? ''} onCommit={(v) => setCardFields(editor, shape.id, { [f.key]: v })} />
      ))}
      {fields.length === 0 && <span className="ov-inspector-note">{cardTypeDef(meta.type).label}: no extra fields</span>}
    </>
  )
}

function FieldInput({ field, value, onCommit }: { field: CardFieldDef; value: string; onCommit(value: string): void }) {
  const [draft, setDraft] = useState(value)
  const [focused, setFocused] = useState(false)
  // Follow remote edits while the user is not typing here.
  useEffect(() => {
    if (!focused) setDraft(value)
  }, [value, focused])

  if (field.kind === 'enum') {
    return (
      <label className="ov-inspector-field">
        <span>{field.label}</span>
        <select data-testid={`card-field-${field.key}`} value={value} onChange={(e) => onCommit(e.target.value)}>
          <option value="">—</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o[0].toUpperCase() + o.slice(1)}
            </option>
          ))}
        </select>
      </label>
    )
  }
  return (
    <label className="ov-inspector-field">
      <span>{field.label}</span>
      <input
        data-testid={`card-field-${field.key}`}
        value={draft}
        placeholder={field.label}
        onFocus={() => setFocused(true)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          setFocused(false)
          if (draft !== value) onCommit(draft)
        }}
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
          if (e.key === 'Escape') {
            setDraft(value)
            setFocused(false)
            ;(e.target as HTMLInputElement).blur()
          }
        }}
      />
    </label>
  )
}

function LinkInspector({ editor, shape, ends }: { editor: Editor; shape: TLShape; ends: { start: TLShapeId; end: TLShapeId } | null }) {
  const link = parseLinkMeta(shape.meta)
  if (!ends) {
    return <span className="ov-inspector-note" data-testid="link-dangling">Typed link not attached to two cards: drag its ends onto cards.</span>
  }
  return (
    <>
      <span className="ov-inspector-note" title={`${cardText(editor, ends.start)} → ${cardText(editor, ends.end)}`}>
        “{cardText(editor, ends.start)}”
      </span>
      <select
        data-testid="link-type-select"
        aria-label="Link type"
        value={link?.type ?? ''}
        onChange={(e) => {
          if (e.target.value) setLinkType(editor, shape.id, e.target.value as LinkType)
        }}
      >
        {!link && <option value="">Choose link type…</option>}
        {LINK_TYPES.map((t) => (
          <option key={t} value={t}>
            {linkLabel(t)}
          </option>
        ))}
      </select>
      <span className="ov-inspector-note">“{cardText(editor, ends.end)}”</span>
      <label className="ov-inspector-check">
        <input
          type="checkbox"
          data-testid="link-two-way"
          checked={link?.twoWay ?? false}
          disabled={!link}
          onChange={(e) => setTwoWay(editor, shape.id, e.target.checked)}
        />
        Two-way
      </label>
    </>
  )
}
