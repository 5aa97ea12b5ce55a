/**
 * Small markers pinned to the top-right corner of shapes (the lock icon, the author's "Private"
 * badge), drawn in front of the canvas in THIS tab only: a marker is UI, never a doc write. Shapes
 * hidden from this user (private drafts of others, [WS8]) get no marker, so a marker never betrays one.
 */
import type { ReactNode } from 'react'
import { useComputed, useEditor, useValue, type TLShape } from 'tldraw'

export interface ShapeBadgesProps {
  /** Which shapes get a marker; read inside a reactive computation (reading atoms is fine). */
  select: (shape: TLShape) => boolean
  testId: string
  className: string
  children: ReactNode
  title: string
}

export function ShapeBadges({ select, testId, className, children, title }: ShapeBadgesProps) {
  const editor = useEditor()
  // Two steps: which shapes (follows the document) and where they are on screen (follows the
  // camera too), so panning does not re-scan every shape on the page.
  const ids = useComputed(
    `${testId} shapes`,
    () => editor.getCurrentPageShapes().filter((s) => select(s) && !editor.isShapeHidden(s)).map((s) => s.id),
    [editor, select, testId]
  )
  const corners = useValue(
    `${testId} corners`,
    () =>
      ids.get().flatMap((id) => {
        const b = editor.getShapePageBounds(id)
        if (!b) return []
        const p = editor.pageToViewport({ x: b.maxX, y: b.minY })
        return [{ id, x: Math.round(p.x), y: Math.round(p.y) }]
      }),
    [editor, ids, testId]
  )
  return (
    <>
      {corners.map((c) => (
        <div key={c.id} className={className} data-testid={testId} data-shape-id={c.id} title={title} style={{ left: c.x, top: c.y }}>
          {children}
        </div>
      ))}
    </>
  )
}
