/**
 * `GET /api/time` → `{ now }`: the server's clock, so clients can estimate their offset to it and show
 * the same countdown as everyone else ([WS3], [WS4]). Never cached: a cached time is a wrong time.
 */
import { Router } from 'express'
import type { Clock } from '../clock.js'

export function timeRouter({ clock }: { clock: Clock }): Router {
  const router = Router()
  router.get('/api/time', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    res.json({ now: clock.now() })
  })
  return router
}
