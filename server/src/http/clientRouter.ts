/**
 * The browser side: `/config.js` (run-time settings, so a licence key needs no rebuild), the
 * built client's files, and the SPA fallback (`/` and `/b/*` → index.html).
 *
 * The dist folder is checked per request, not at start, so building the client while the server
 * runs just works; until then the page says how to build it instead of a bare 404.
 */
import express, { Router } from 'express'
import fs from 'node:fs'
import path from 'node:path'

export interface ClientRouterDeps {
  clientDist: string
  tldrawLicenseKey: string | null
  publicUrl: () => string
  maxUploadBytes: number
}

export function clientRouter({ clientDist, tldrawLicenseKey, publicUrl, maxUploadBytes }: ClientRouterDeps): Router {
  const router = Router()
  const indexHtml = path.join(clientDist, 'index.html')
  // JSON.stringify, then escape '<' so a value can never close the script element.
  const configJs = () =>
    'window.__OVERLAP_CONFIG__ = ' +
    JSON.stringify({ tldrawLicenseKey, publicUrl: publicUrl(), maxUploadBytes }).replace(/</g, '\\u003c') +
    ';\n'

  router.get('/config.js', (_req, res) => {
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    res.send(configJs())
  })

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

  router.get(['/', '/b/*splat'], (_req, res) => {
    if (!fs.existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('client not built: run pnpm build\n')
      return
    }
    res.setHeader('Cache-Control', 'no-cache')
    res.sendFile(indexHtml)
  })

  return router
}
