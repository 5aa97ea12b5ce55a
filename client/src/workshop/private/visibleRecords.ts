/**
 * What this user may take out of the board: every record except shapes their editor hides (others'
 * unrevealed private drafts, [WS8]) and bindings to or from those. Used by the tab-made exports that
 * read raw records rather than rendering (the brief, the lens, the .tldr file); image and PDF exports
 * already skip hidden shapes (tldraw's own rule).
 */
import type { Editor, TLShapeId } from 'tldraw'

interface RecordLike {
  id: string
  typeName: string
}

export function withoutHiddenShapes<R extends RecordLike>(editor: Editor, records: readonly R[]): R[] {
  const hidden = new Set<string>()
  for (const r of records) if (r.typeName === 'shape' && editor.isShapeHidden(r.id as TLShapeId)) hidden.add(r.id)
  if (hidden.size === 0) return [...records]
  return records.filter((r) => {
    if (hidden.has(r.id)) return false
    if (r.typeName !== 'binding') return true
    const b = r as unknown as { fromId?: unknown; toId?: unknown }
    return !hidden.has(String(b.fromId)) && !hidden.has(String(b.toId))
  })
}
