/**
 * An imported `.tldr` file may carry its images inline: tldraw.com saves each image asset's `src`
 * as a `data:` URL. The board's doc holds only URLs (issue 2: images are stored with the board and
 * referenced, never inlined — a 2 MB photo would otherwise travel with every join). So, before the
 * board is created, each inline image is decoded, checked as an upload is (type, size), given an
 * asset id and its `src` rewritten to the asset's URL; the caller stores the bytes.
 *
 * A `data:` URL that is not an allowed image, or is over the limit, refuses the whole import (the
 * same rule as uploads): nothing is created.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { generateBoardId, parseAssetContentType, type AssetContentType, type BoardId } from '@overlap/shared'
import { NOT_AN_IMAGE, sniffImageType } from './imageType.js'

export interface InlineImage {
  assetId: string
  contentType: AssetContentType
  bytes: Buffer
}

export type InlineImagesResult =
  | { ok: true; records: TLRecord[]; images: InlineImage[] }
  | { ok: false; status: 413 | 415 | 400; error: string; message: string }

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s

export function extractInlineImages(records: readonly TLRecord[], boardId: BoardId, maxBytes: number): InlineImagesResult {
  const images: InlineImage[] = []
  const out: TLRecord[] = []
  for (const record of records) {
    const src = record.typeName === 'asset' ? (record.props as { src?: unknown }).src : undefined
    if (typeof src !== 'string' || !src.startsWith('data:')) {
      out.push(record)
      continue
    }
    const m = DATA_URL.exec(src)
    if (!m) return { ok: false, status: 400, error: 'invalid_records', message: `${record.id}: malformed data: URL` }
    const contentType = parseAssetContentType(m[1])
    if (contentType === null) {
      return { ok: false, status: 415, error: 'unsupported_media_type', message: `${record.id}: inline ${m[1] || 'data'} is not an allowed image (png, jpeg, gif, webp, svg)` }
    }
    const isBase64 = m[2]!.split(';').includes('base64')
    let text: string | null = null
    if (!isBase64) {
      try {
        text = decodeURIComponent(m[3]!)
      } catch {
        return { ok: false, status: 400, error: 'invalid_records', message: `${record.id}: inline image data is not valid percent-encoding` }
      }
    }
    const bytes = text === null ? Buffer.from(m[3]!, 'base64') : Buffer.from(text, 'utf8')
    if (bytes.byteLength === 0) return { ok: false, status: 400, error: 'invalid_records', message: `${record.id}: empty inline image` }
    if (bytes.byteLength > maxBytes) {
      return { ok: false, status: 413, error: 'too_large', message: `${record.id}: inline image of ${bytes.byteLength} bytes; images are limited to ${maxBytes} bytes` }
    }
    const actual = sniffImageType(bytes)
    if (actual === null) {
      return { ok: false, status: 415, error: 'not_an_image', message: `${record.id}: inline ${contentType}: ${NOT_AN_IMAGE}` }
    }
    const assetId = generateBoardId()
    images.push({ assetId, contentType: actual, bytes })
    const asset = record as TLRecord & { props: Record<string, unknown> }
    // The record's mimeType follows the bytes too, like the served Content-Type.
    const mimeType = typeof asset.props.mimeType === 'string' ? { mimeType: actual } : {}
    out.push({ ...asset, props: { ...asset.props, ...mimeType, src: `/api/boards/${boardId}/assets/${assetId}` } } as TLRecord)
  }
  return { ok: true, records: out, images }
}
