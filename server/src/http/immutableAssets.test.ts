/**
 * [S33] The client's hashed files from memory: gzipped when the browser takes it, revalidated by
 * ETag, and everything else (ranges, unknown files, a full cache) left to express.static.
 */
import express from 'express'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { immutableAssets } from './immutableAssets.js'

interface Got {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

function get(base: string, p: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

/** Asks until the gzip made off the event loop is served (it is made after the first request). */
async function untilGzipped(base: string, p: string): Promise<Got> {
  const deadline = Date.now() + 5000
  for (;;) {
    const got = await get(base, p, { 'Accept-Encoding': 'gzip, deflate' })
    if (got.headers['content-encoding'] === 'gzip') return got
    if (Date.now() > deadline) throw new Error(`${p} was never served gzipped`)
    await new Promise((r) => setImmediate(r))
  }
}

const JS = 'export const answer = 42;\n'.repeat(400)
const closers: Array<() => void> = []
afterEach(() => {
  while (closers.length > 0) closers.pop()!()
})

async function serve(opts: { maxCachedBytes?: number } = {}): Promise<{ base: string; dist: string }> {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'overlap-assets-'))
  fs.mkdirSync(path.join(dist, 'assets'))
  fs.writeFileSync(path.join(dist, 'assets', 'board-abc123.js'), JS)
  fs.writeFileSync(path.join(dist, 'assets', 'font-abc123.woff2'), Buffer.alloc(4096, 7))
  const app = express()
  app.use(immutableAssets({ clientDist: dist, ...opts }))
  app.use(express.static(dist))
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((r) => server.once('listening', () => r()))
  closers.push(() => {
    server.close()
    fs.rmSync(dist, { recursive: true, force: true })
  })
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, dist }
}

describe('immutableAssets', () => {
  it('[S33] serves a hashed script gzipped, with its length, type, ETag and a year of caching', async () => {
    const { base } = await serve()
    const got = await untilGzipped(base, '/assets/board-abc123.js')
    expect(got.status).toBe(200)
    expect(zlib.gunzipSync(got.body).toString()).toBe(JS)
    expect(Number(got.headers['content-length'])).toBe(got.body.byteLength)
    expect(got.body.byteLength).toBeLessThan(JS.length / 3)
    expect(got.headers['content-type']).toMatch(/javascript/)
    expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(got.headers.vary).toBe('Accept-Encoding')
    expect(got.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it('[S33] sends the plain bytes to a client that does not take gzip', async () => {
    const { base } = await serve()
    await untilGzipped(base, '/assets/board-abc123.js')
    const got = await get(base, '/assets/board-abc123.js', { 'Accept-Encoding': 'identity' })
    expect(got.headers['content-encoding']).toBeUndefined()
    expect(got.body.toString()).toBe(JS)
  })

  it('[S33] answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
    const { base } = await serve()
    const first = await get(base, '/assets/board-abc123.js')
    const again = await get(base, '/assets/board-abc123.js', { 'If-None-Match': first.headers.etag! })
    expect(again.status).toBe(304)
    expect(again.body.byteLength).toBe(0)
    const head = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(base + '/assets/board-abc123.js', { method: 'HEAD' }, resolve)
      req.on('error', reject)
      req.end()
    })
    expect(head.statusCode).toBe(200)
    expect(Number(head.headers['content-length'])).toBe(JS.length)
  })

  it('[S33] does not gzip what is compressed already (fonts)', async () => {
    const { base } = await serve()
    await untilGzipped(base, '/assets/board-abc123.js')
    const got = await get(base, '/assets/font-abc123.woff2', { 'Accept-Encoding': 'gzip' })
    expect(got.status).toBe(200)
    expect(got.headers['content-encoding']).toBeUndefined()
    expect(got.body.byteLength).toBe(4096)
  })

  it('[S33] leaves ranges, unknown files, other paths and a full cache to express.static', async () => {
    const { base } = await serve({ maxCachedBytes: 100 })
    // Over the budget: still served, from disk, never gzipped.
    const big = await get(base, '/assets/board-abc123.js', { 'Accept-Encoding': 'gzip' })
    expect(big.status).toBe(200)
    expect(big.body.toString()).toBe(JS)
    expect(big.headers['content-encoding']).toBeUndefined()
    const range = await get(base, '/assets/board-abc123.js', { Range: 'bytes=0-5' })
    expect(range.status).toBe(206)
    expect(range.body.toString()).toBe(JS.slice(0, 6))
    expect((await get(base, '/assets/missing-abc.js')).status).toBe(404)
    expect((await get(base, '/assets/%2e%2e%2fsecret')).status).toBe(404)
  })
})
