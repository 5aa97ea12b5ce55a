/**
 * Highlight one card type: every other shape is dimmed by a stylesheet in THIS tab only (never an
 * `opacity` write to the shared doc). Kept: cards of the type, zones of the type, and links whose two
 * ends are both kept.
 */
import { CARD_META_KEY, ZONE_META_KEY, type CardType } from '@overlap/shared'
import { useValue, useEditor, type Editor } from 'tldraw'
import { linkEnds } from './cardActions'
import { useWebUi } from './webUi'

export const DIMMED_OPACITY = 0.15

export function keptShapeIds(editor: Editor, type: CardType): string[] {
  const kept = new Set<string>()
  const shapes = editor.getCurrentPageShapes()
  for (const s of shapes) {
    const meta = s.meta as Record<string, unknown>
    if ((s.type === 'note' && meta[CARD_META_KEY] === type) || (s.type === 'frame' && meta[ZONE_META_KEY] === type)) kept.add(s.id)
  }
  for (const s of shapes) {
    if (s.type !== 'arrow') continue
    const ends = linkEnds(editor, s.id)
    if (ends && kept.has(ends.start) && kept.has(ends.end)) kept.add(s.id)
  }
  return [...kept]
}

export function filterCss(keptIds: readonly string[]): string {
  const keep = keptIds.map((id) => `[data-shape-id="${CSS.escape(id)}"]`).join(',')
  const selector = keep ? `.tl-shape:not(:is(${keep}))` : '.tl-shape'
  // !important: tldraw sets each shape's own opacity inline.
  return `${selector} { opacity: ${DIMMED_OPACITY} !important; transition: opacity 120ms; }`
}

export function TypeFilterStyle() {
  const editor = useEditor()
  const ui = useWebUi()
  const css = useValue(
    'overlap type filter css',
    () => {
      const type = ui.filterType.get()
      return type ? filterCss(keptShapeIds(editor, type)) : null
    },
    [editor, ui]
  )
  if (!css) return null
  return <style data-testid="type-filter-style">{css}</style>
}
