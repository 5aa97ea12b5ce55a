/**
 * The client's content-hashed files (`client/dist/assets/*`), served from memory and gzipped.
 *
 * Why (issue 2, first paint): a board link opens its socket while the page's scripts are still
 * downloading, so the server loads the board and encodes it for that socket at the very moment
 * the browser asks for 2 MB of JavaScript. Streamed from disk in 64 KiB reads, every read waited
 * for that work: the scripts arrived 150–450 ms after they were asked for, against ~70 ms from a
 * plain static server. From memory a file goes out in one write as soon as its request is read,
 * and gzipped it is a third of the bytes — which is also what a workshop of 50 browsers on one
 * Wi-Fi needs.
 *
 * A hashed name never changes content, so nothing is re-read: a rebuild writes new names. A file
 * is read on its first request and its gzip is made off the event loop (zlib's thread pool); until
 * that is ready it goes out as is. Anything else — another path, a Range request, a file over the
 * cache's budget — falls through to the next handler (express.static).
 */
import type { Request, Response, NextFunction } from 'express'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import crypto from 'node:crypto'

/** Hashed file names as Vite writes them: no directories, no dot files. */
const ASSET_PATH = /^\/assets\/([A-Za-z0-9_-][A-Za-z0-9_.-]*)$/

/** Types worth compressing; fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.json', '.svg', '.html', '.txt', '.map', '.wasm'])

/** gzip is kept only when it saves at least this share of the bytes. */
const MIN_SAVING = 0.1

interface Entry {
  raw: Buffer
  gzip: Buffer | null
  etag: string
  ext: string
}

export interface ImmutableAssetsDeps {
  /** The client's build folder (the one holding `assets/`). */
  clientDist: string
  /** Upper bound on the bytes kept in memory (raw plus gzip); beyond it files stream from disk. */
  maxCachedBytes?: number
}

export function immutableAssets({ clientDist, maxCachedBytes = 64 * 1024 * 1024 }: ImmutableAssetsDeps) {
  const assetsDir = path.join(clientDist, 'assets')
  const entries = new Map<string, Entry>()
  /** Reads in flight, so a page's many requests for one file read it once. */
  const loading = new Map<string, Promise<Entry | null>>()
  let cachedBytes = 0

  const compress = (name: string, entry: Entry) => {
    if (!COMPRESSIBLE.has(entry.ext) || entry.raw.byteLength < 1024) return
    zlib.gzip(entry.raw, { level: 9 }, (err, gz) => {
      if (err || gz.byteLength > entry.raw.byteLength * (1 - MIN_SAVING)) return
      if (cachedBytes + gz.byteLength > maxCachedBytes || entries.get(name) !== entry) return
      cachedBytes += gz.byteLength
      entry.gzip = gz
    })
  }

  const load = (name: string): Promise<Entry | null> => {
    const pending = loading.get(name)
    if (pending) return pending
    const p = fs.promises
      .readFile(path.join(assetsDir, name))
      .then(
        (raw): Entry | null => {
          if (cachedBytes + raw.byteLength > maxCachedBytes) return null
          const entry: Entry = {
            raw,
            gzip: null,
            etag: `"${crypto.createHash('sha1').update(raw).digest('base64url')}"`,
            ext: path.extname(name).toLowerCase(),
          }
          cachedBytes += raw.byteLength
          entries.set(name, entry)
          compress(name, entry)
          return entry
        },
        // Missing, a directory, unreadable: express.static answers it (404 and the like).
        () => null
      )
      .finally(() => loading.delete(name))
    loading.set(name, p)
    return p
  }

  const send = (req: Request, res: Response, entry: Entry) => {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable')
    res.setHeader('ETag', entry.etag)
    res.type(entry.ext)
    if (COMPRESSIBLE.has(entry.ext)) res.setHeader('Vary', 'Accept-Encoding')
    if (req.headers['if-none-match'] === entry.etag) {
      res.status(304).end()
      return
    }
    const gzip = entry.gzip !== null && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? entry.gzip : null
    if (gzip) res.setHeader('Content-Encoding', 'gzip')
    const body = gzip ?? entry.raw
    res.setHeader('Content-Length', body.byteLength)
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.range !== undefined) return next()
    const match = ASSET_PATH.exec(req.path)
    if (!match) return next()
    const name = match[1]!
    const entry = entries.get(name)
    if (entry) return send(req, res, entry)
    load(name).then(
      (loaded) => (loaded ? send(req, res, loaded) : next()),
      (e: unknown) => next(e)
    )
  }
}
