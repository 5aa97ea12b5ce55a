/**
 * The template catalogue for the gallery: `GET /api/templates` (catalogue order, Problem web first)
 * and `GET /api/templates/:id/thumbnail.svg`. Both are pure functions of the built-in catalogue, so the
 * thumbnails are rendered once, at start, and served with a validator (ETag) and a short cache: a new
 * template version arrives with a new server, at worst an hour later in an open browser.
 */
import { Router } from 'express'
import { CARD_TYPES, renderTemplateThumbnailSvg, totalMinutes, type CardType, type Template } from '@overlap/shared'
import { SVG_CSP } from './assetsRouter.js'
import { sendError } from './errors.js'

const THUMBNAIL_MAX_AGE_S = 3600

export interface TemplateSummary {
  id: string
  name: string
  description: string
  version: number
  /** Card types the template's prompt cards use, in CARD_TYPES order. */
  cardTypes: CardType[]
  /** Total suggested time of the how-to-run steps. */
  minutes: number
  thumbnailUrl: string
}

export function templateSummary(template: Template): TemplateSummary {
  const used = new Set(template.cards.map((c) => c.type))
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    version: template.version,
    cardTypes: CARD_TYPES.map((t) => t.id).filter((id) => used.has(id)),
    minutes: totalMinutes(template),
    thumbnailUrl: `/api/templates/${encodeURIComponent(template.id)}/thumbnail.svg`,
  }
}

export interface TemplatesRouterDeps {
  templates: readonly Template[]
}

export function templatesRouter({ templates }: TemplatesRouterDeps): Router {
  const router = Router()
  const list = { templates: templates.map(templateSummary) }
  const thumbnails = new Map(templates.map((t) => [t.id, renderTemplateThumbnailSvg(t)]))

  router.get('/api/templates', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache')
    res.json(list)
  })

  router.get('/api/templates/:id/thumbnail.svg', (req, res) => {
    const svg = thumbnails.get(req.params.id)
    if (svg === undefined) return sendError(res, 404, 'template_not_found', 'no template with this id')
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8')
    res.setHeader('Cache-Control', `public, max-age=${THUMBNAIL_MAX_AGE_S}`)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    // Our own SVG has no script, but it is served as a document of our origin: same sandbox as uploads.
    res.setHeader('Content-Security-Policy', SVG_CSP)
    res.send(svg)
  })

  return router
}
