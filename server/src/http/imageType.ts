/**
 * What an uploaded or imported image really is, from its first bytes ([S31]). Browsers label a file
 * by its extension, so a JPEG saved as `.png` arrives as `image/png`: such an image is kept, under its
 * real type. Bytes that are none of the allowed images (a renamed PDF, an HTML page) are refused, so
 * nothing is ever stored and served as an image that is not one.
 */
import type { AssetContentType } from '@overlap/shared'

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.byteLength >= at + signature.length && signature.every((b, i) => bytes[at + i] === b)

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const GIF87 = ascii('GIF87a')
const GIF89 = ascii('GIF89a')
const RIFF = ascii('RIFF')
const WEBP = ascii('WEBP')

/** An SVG is text: after an optional BOM and white space it opens with `<` and has an `<svg` element. */
function isSvg(bytes: Uint8Array): boolean {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  while (i < bytes.byteLength && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++
  // Only text that opens like markup is decoded and searched (an upload may be megabytes).
  if (bytes[i] !== 0x3c) return false
  return /<svg[\s>/]/i.test(new TextDecoder('utf-8', { fatal: false }).decode(bytes))
}

export function sniffImageType(bytes: Uint8Array): AssetContentType | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  if (isSvg(bytes)) return 'image/svg+xml'
  return null
}

export const NOT_AN_IMAGE = 'the bytes are not a PNG, JPEG, GIF, WebP or SVG image'
