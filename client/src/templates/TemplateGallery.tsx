/**
 * The template gallery: search, thumbnails, a preview with the description and the "how to run"
 * timings, Insert. Opens by itself once on a board this tab just created empty (newBoardFlag.ts), and
 * from the top bar's Templates button any time. Rendered in a portal: a modal over the whole app.
 */
import { TEMPLATES, renderTemplateThumbnailSvg, totalMinutes, type Template } from '@overlap/shared'
import { useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import { useWebUi } from '../web/webUi'
import { insertTemplate } from './insertTemplate'
import { clearNewEmptyBoard } from './newBoardFlag'
import { matchesQuery } from './templateSearch'

const thumbnails = new Map<string, string>()
function thumbnailUrl(template: Template): string {
  let url = thumbnails.get(template.id)
  if (!url) {
    url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderTemplateThumbnailSvg(template, { width: 480, height: 300 }))}`
    thumbnails.set(template.id, url)
  }
  return url
}

export function TemplateGallery({ boardId }: { boardId: string }) {
  const editor = useEditor()
  const ui = useWebUi()
  const gallery = useValue('gallery', () => ui.gallery.get(), [ui])
  const shapeCount = useValue('shape count', () => editor.getCurrentPageShapeIds().size, [editor])
  const [query, setQuery] = useState('')
  const [selectedId, setSelectedId] = useState<string>(TEMPLATES[0]?.id ?? '')
  const searchRef = useRef<HTMLInputElement>(null)
  const results = useMemo(() => TEMPLATES.filter((t) => matchesQuery(t, query)), [query])
  const selected = results.find((t) => t.id === selectedId) ?? results[0] ?? null

  const close = () => {
    clearNewEmptyBoard(boardId)
    ui.gallery.set({ open: false })
  }

  // Opened by itself on a new empty board: someone else filling the board makes it moot.
  const autoAndFilled = gallery.open && gallery.auto && shapeCount > 0
  useEffect(() => {
    if (autoAndFilled) close()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoAndFilled])

  useEffect(() => {
    if (gallery.open) searchRef.current?.focus()
  }, [gallery.open])

  if (!gallery.open || editor.getIsReadonly()) return null

  const insert = (template: Template) => {
    clearNewEmptyBoard(boardId)
    ui.gallery.set({ open: false })
    insertTemplate(editor, ui.getBinding(), template)
  }

  return createPortal(
    <div
      className="ov-modal-backdrop ov-gallery-backdrop"
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) close()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close()
        if (e.key === 'Enter' && selected && (e.target as HTMLElement).tagName !== 'BUTTON') insert(selected)
      }}
    >
      <div className="ov-gallery" role="dialog" aria-modal="true" aria-label="Templates" data-testid="template-gallery">
        <header className="ov-gallery-header">
          <h2>Start from a template</h2>
          <input
            ref={searchRef}
            type="search"
            data-testid="template-search"
            aria-label="Search templates"
            placeholder="Search templates…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" className="ov-button ov-button-secondary" data-testid="template-gallery-close" onClick={close}>
            {gallery.auto ? 'Start blank' : 'Close'}
          </button>
        </header>
        <div className="ov-gallery-body">
          <ul className="ov-gallery-grid" data-testid="template-list">
            {results.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className={`ov-gallery-item${selected?.id === t.id ? ' ov-gallery-item-selected' : ''}`}
                  data-testid={`template-item-${t.id}`}
                  aria-pressed={selected?.id === t.id}
                  onClick={() => setSelectedId(t.id)}
                  onDoubleClick={() => insert(t)}
                >
                  <img src={thumbnailUrl(t)} alt="" width={240} height={150} />
                  <span className="ov-gallery-name">{t.name}</span>
                  <span className="ov-muted ov-gallery-meta">
                    {t.practice} · {totalMinutes(t)} min
                  </span>
                </button>
              </li>
            ))}
            {results.length === 0 && <li className="ov-muted">No template matches “{query}”.</li>}
          </ul>
          {selected && <TemplatePreview template={selected} onInsert={() => insert(selected)} />}
        </div>
      </div>
    </div>,
    document.body
  )
}

function TemplatePreview({ template, onInsert }: { template: Template; onInsert(): void }) {
  return (
    <section className="ov-gallery-preview" data-testid="template-preview" data-template-id={template.id}>
      <img src={thumbnailUrl(template)} alt={`${template.name} layout`} />
      <h3>{template.name}</h3>
      <p>{template.description}</p>
      <h4>
        How to run <span className="ov-muted">· {totalMinutes(template)} min</span>
      </h4>
      <p className="ov-muted">{template.howToRun.summary}</p>
      <ol className="ov-gallery-steps">
        {template.howToRun.steps.map((s, i) => (
          <li key={i}>
            <strong>{s.title}</strong> <span className="ov-muted">{s.minutes} min</span>
            <div>{s.detail}</div>
          </li>
        ))}
      </ol>
      <button type="button" className="ov-button ov-gallery-insert" data-testid="template-insert" onClick={onInsert}>
        Insert {template.name}
      </button>
    </section>
  )
}
