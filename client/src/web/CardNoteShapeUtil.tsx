/**
 * tldraw's note, plus a type badge when the note is a card ([W2]). Same shape type ('note'), same
 * props and migrations (a subclass): the board format is unchanged and any tldraw client still reads
 * the cards as sticky notes. The badge is drawn by the shape itself, so every client sees it, and
 * `toSvg` draws it too, so it appears in PNG/SVG exports and copies.
 */
import { cardTypeDef, parseCardMeta, type CardTypeDef } from '@overlap/shared'
import { COLOR_HEX } from '@overlap/shared'
import { NoteShapeUtil, type SvgExportContext, type TLNoteShape } from 'tldraw'

const BADGE_FONT_PX = 11
const BADGE_HEIGHT_PX = 18
const BADGE_INSET_PX = 8

function badgeWidth(label: string): number {
  // Rough width of system-ui at 11px bold: SVG export has no layout pass to measure with.
  return Math.round(label.length * 6.4 + 14)
}

function defOf(shape: TLNoteShape): CardTypeDef | null {
  const meta = parseCardMeta(shape.meta)
  return meta ? cardTypeDef(meta.type) : null
}

function CardBadge({ def, scale }: { def: CardTypeDef; scale: number }) {
  return (
    <div
      className="ov-card-badge"
      data-testid="card-badge"
      data-card-type={def.id}
      style={{
        top: BADGE_INSET_PX * scale,
        left: BADGE_INSET_PX * scale,
        height: BADGE_HEIGHT_PX * scale,
        fontSize: BADGE_FONT_PX * scale,
        borderRadius: (BADGE_HEIGHT_PX / 2) * scale,
        padding: `0 ${7 * scale}px`,
        background: COLOR_HEX[def.color],
      }}
    >
      {def.label}
    </div>
  )
}

export class CardNoteShapeUtil extends NoteShapeUtil {
  override component(shape: TLNoteShape) {
    const def = defOf(shape)
    return (
      <>
        {super.component(shape)}
        {def && <CardBadge def={def} scale={shape.props.scale} />}
      </>
    )
  }

  override toSvg(shape: TLNoteShape, ctx: SvgExportContext) {
    const base = super.toSvg(shape, ctx)
    const def = defOf(shape)
    if (!def) return base
    const w = badgeWidth(def.label)
    return (
      <>
        {base}
        <g transform={`translate(${BADGE_INSET_PX}, ${BADGE_INSET_PX})`}>
          <rect width={w} height={BADGE_HEIGHT_PX} rx={BADGE_HEIGHT_PX / 2} fill={COLOR_HEX[def.color]} />
          <text
            x={w / 2}
            y={BADGE_HEIGHT_PX / 2}
            textAnchor="middle"
            dominantBaseline="central"
            fontFamily="system-ui, sans-serif"
            fontSize={BADGE_FONT_PX}
            fontWeight={700}
            fill="#ffffff"
          >
            {def.label}
          </text>
        </g>
      </>
    )
  }
}
