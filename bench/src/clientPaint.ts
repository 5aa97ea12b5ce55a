/**
 * Benchmark 5 — client bundle size and first paint of a 1,000-shape board.
 *
 * Bundle: JS bytes (raw and gzip) of `client/dist` vs. a bare tldraw 5.4.2 page
 * (`bench/bare-tldraw`, `<Tldraw>` + locally served @tldraw/assets, built here with Vite).
 * First paint: Chromium opens (fresh context, so no HTTP cache) our board page with 1,000 shapes
 * synced from our server, and the bare page loading the same 1,000 shapes from a snapshot; time
 * from navigation start until the page has ≥ 1,000 `.tl-shape` elements (checked every animation
 * frame). The two pages alternate.
 *
 * Env: PAINT_SHAPES (1000), PAINT_ROUNDS (5), CHROMIUM (/usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { REPO_ROOT, CLIENT_DIST } from './lib/paths.js'
import { pushBoard } from './lib/pushBoard.js'
import { isMain, runStandalone, type Figure } from './lib/results.js'
import { removeDataDir, startOurServer } from './lib/servers.js'
import { makeDocumentAndPage, makeGeoShapes, type GeoShapeOptions } from './lib/shapes.js'
import { serveStatic } from './lib/staticServer.js'
import { fmt, fmtBytes, median, ratio, roundRange } from './lib/stats.js'
import { boardToken } from './lib/boards.js'

const BARE_DIR = path.join(REPO_ROOT, 'bench/bare-tldraw')
const BARE_DIST = path.join(BARE_DIR, 'dist')
// 40 × 25 small squares: all of them inside a 1280 × 800 viewport at zoom 1.
const LAYOUT: GeoShapeOptions = { columns: 40, pitch: 30, size: 24 }
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function buildBare(): void {
  const vite = path.join(REPO_ROOT, 'bench/node_modules/vite/bin/vite.js')
  const res = spawnSync(process.execPath, [vite, 'build', BARE_DIR, '--logLevel', 'warn'], { stdio: 'inherit', cwd: path.join(REPO_ROOT, 'bench') })
  if (res.status !== 0) throw new Error('vite build of bench/bare-tldraw failed')
}

interface JsSize {
  raw: number
  gzip: number
  files: number
}

function jsSize(dist: string): JsSize {
  const out: JsSize = { raw: 0, gzip: 0, files: 0 }
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.js')) {
        const bytes = fs.readFileSync(p)
        out.raw += bytes.length
        out.gzip += zlib.gzipSync(bytes, { level: 9 }).length
        out.files++
      }
    }
  }
  walk(dist)
  return out
}

/**
 * Milliseconds from navigation start until ≥ `shapes` shapes are in the page, and the JS bytes the page
 * fetched to get there (lazy chunks it never asked for — e.g. the PDF library — do not count).
 */
async function timeToShapes(browser: Browser, url: string, shapes: number): Promise<{ ms: number; jsBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    // A returning user: our app asks a first-time visitor for a name before it opens the board.
    await context.addInitScript(() => {
      ;(globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('overlap:identity', JSON.stringify({ id: 'benchuser0000001', name: 'Bench', color: '#1971c2' }))
    })
    const page = await context.newPage()
    const jsBodies: Promise<number>[] = []
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.endsWith('.js')) jsBodies.push(res.body().then((b) => b.length, () => 0))
    })
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(
      (n) => {
        // Runs in the page (no DOM types in this Node project).
        const w = globalThis as unknown as { __paintedAt?: number; document: { querySelectorAll(s: string): { length: number } } }
        if (w.document.querySelectorAll('.tl-shape').length >= n) {
          w.__paintedAt ??= performance.now()
          return true
        }
        return false
      },
      shapes,
      { polling: 'raf', timeout: 60_000 }
    )
    const ms = await page.evaluate(() => (globalThis as unknown as { __paintedAt: number }).__paintedAt)
    const jsBytes = (await Promise.all(jsBodies)).reduce((a, b) => a + b, 0)
    return { ms, jsBytes }
  } finally {
    await context.close()
  }
}

export async function runClientPaint(): Promise<Figure[]> {
  const shapes = Number(process.env.PAINT_SHAPES ?? '1000')
  const rounds = Number(process.env.PAINT_ROUNDS ?? '5')
  console.log(`\n# client bundle and first paint of a ${shapes}-shape board, ${rounds} rounds`)
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) throw new Error('client/dist is missing: run `pnpm build` first')
  buildBare()
  const ours = jsSize(CLIENT_DIST)
  const bare = jsSize(BARE_DIST)
  console.log(`JS: ours ${fmtBytes(ours.raw)} (${fmtBytes(ours.gzip)} gzip, ${ours.files} files), bare tldraw ${fmtBytes(bare.raw)} (${fmtBytes(bare.gzip)} gzip)`)

  const records: TLRecord[] = [...makeDocumentAndPage(), ...makeGeoShapes(shapes, LAYOUT)]
  const snapshot = {
    store: Object.fromEntries(records.map((r) => [r.id, r])),
    schema: createTLSchema().serialize(),
  }
  const bareServer = await serveStatic(BARE_DIST, { '/snapshot.json': JSON.stringify(snapshot) })
  const server = await startOurServer()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const times = { ours: [] as number[], bare: [] as number[] }
  const loadedJs = { ours: 0, bare: 0 }
  try {
    const boardId = await pushBoard(server, shapes, LAYOUT)
    const oursUrl = `${server.httpUrl}/b/${boardId}?token=${boardToken(boardId)}`
    // One unmeasured load of each warms the servers and the browser process, not the page cache.
    await timeToShapes(browser, oursUrl, shapes)
    await timeToShapes(browser, `${bareServer.url}/`, shapes)
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)
      for (const which of order) {
        const { ms, jsBytes } = await timeToShapes(browser, which === 'ours' ? oursUrl : `${bareServer.url}/`, shapes)
        times[which].push(ms)
        loadedJs[which] = jsBytes
        console.log(`round ${r + 1} ${which.padEnd(4)}: ${shapes} shapes in the page after ${fmt(ms, 0)} ms`)
      }
    }
  } finally {
    await browser.close()
    await server.stop()
    removeDataDir(server.dataDir)
    await bareServer.close()
  }
  const oursMs = median(times.ours)
  const bareMs = median(times.bare)
  return [
    { bench: 'client', metric: 'JS bundle (every chunk), raw', value: fmtBytes(ours.raw), reference: `${fmtBytes(bare.raw)} (bare tldraw)`, note: ratio(ours.raw, bare.raw) },
    { bench: 'client', metric: 'JS loaded by the board page, raw', value: fmtBytes(loadedJs.ours), reference: `${fmtBytes(loadedJs.bare)} (bare tldraw)`, note: `${ratio(loadedJs.ours, loadedJs.bare)}; target ≤ 1.15×` },
    { bench: 'client', metric: 'JS bundle, gzip -9', value: fmtBytes(ours.gzip), reference: `${fmtBytes(bare.gzip)} (bare tldraw)`, note: ratio(ours.gzip, bare.gzip) },
    { bench: 'client', metric: `first paint, ${shapes} shapes (ms)`, value: fmt(oursMs, 0), reference: `${fmt(bareMs, 0)} (bare tldraw)`, note: `${ratio(oursMs, bareMs)}${roundRange(times.ours, times.bare)}; target ≤ 1.15×` },
  ]
}

if (isMain(import.meta.url)) await runStandalone('paint', runClientPaint)
