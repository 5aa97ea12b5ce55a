/**
 * The browser side: run-time settings (so a licence key needs no rebuild), the built client's
 * files, and the SPA fallback (`/` and `/b/*` → index.html).
 *
 * The settings are written into the page itself, in place of its `<script src="/config.js">` tag:
 * that tag blocked the parser for a round trip (≈60 ms of a board's first paint, issue 2).
 * `/config.js` still answers, for `vite` dev, whose index.html keeps the tag.
 *
 * The dist folder is checked per request, not at start, so building the client while the server
 * runs just works; until then the page says how to build it instead of a bare 404.
 */
import express, { Router } from 'express'
import fs from 'node:fs'
import path from 'node:path'
import { immutableAssets } from './immutableAssets.js'

/** The tag index.html loads the settings with; replaced by the settings themselves. */
const CONFIG_SCRIPT_TAG = '<script src="/config.js"></script>'

export interface ClientRouterDeps {
  clientDist: string
  tldrawLicenseKey: string | null
  publicUrl: () => string
  maxUploadBytes: number
  /** The largest socket message: an editor refuses a change it knows the server would refuse. */
  maxMessageBytes: number
}

export function clientRouter({ clientDist, tldrawLicenseKey, publicUrl, maxUploadBytes, maxMessageBytes }: ClientRouterDeps): Router {
  const router = Router()
  const indexHtml = path.join(clientDist, 'index.html')
  // JSON.stringify, then escape '<' so a value can never close the script element.
  const configJs = () =>
    'window.__OVERLAP_CONFIG__ = ' +
    JSON.stringify({ tldrawLicenseKey, publicUrl: publicUrl(), maxUploadBytes, maxMessageBytes }).replace(/</g, '\\u003c') +
    ';\n'

  router.get('/config.js', (_req, res) => {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.send(configJs())
  })

  // Hashed files from memory, gzipped; express.static below answers the rest.
  router.use(immutableAssets({ clientDist }))
  router.use(
    express.static(clientDist, {
      index: false,
      setHeaders(res, file) {
        // Vite puts content-hashed files under assets/: they never change.
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
        }
      },
    })
  )

  // index.html as built, re-read when a rebuild changes it.
  let template: { mtimeMs: number; html: string } | null = null
  const readTemplate = (): string | null => {
    let mtimeMs: number
    try {
      mtimeMs = fs.statSync(indexHtml).mtimeMs
    } catch {
      return null
    }
    if (template?.mtimeMs !== mtimeMs) template = { mtimeMs, html: fs.readFileSync(indexHtml, 'utf8') }
    return template.html
  }

  router.get(['/', '/b/*splat'], (_req, res) => {
    const html = readTemplate()
    if (html === null) {
      res.status(503).type('text/plain').send('client not built: run pnpm build\n')
      return
    }
    // The settings change only with a restart, but the page is small: no caching, like /config.js.
    res.setHeader('Cache-Control', 'no-cache')
    res.type('html').send(html.replace(CONFIG_SCRIPT_TAG, () => `<script>${configJs()}</script>`))
  })

  return router
}
