import { describe, expect, it } from 'vitest'
import { sniffImageType } from './imageType.js'

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)))

describe('[S31] an image is what its bytes are', () => {
  it('[S31] recognises PNG, JPEG, GIF, WebP and SVG from their first bytes', () => {
    expect(sniffImageType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg')
    expect(sniffImageType(bytes('GIF89a', [1, 0]))).toBe('image/gif')
    expect(sniffImageType(bytes('GIF87a', [1, 0]))).toBe('image/gif')
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp')
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml')
    expect(sniffImageType(bytes([0xef, 0xbb, 0xbf], '\n <?xml version="1.0"?>\n<!-- a comment -->\n<SVG>\n</SVG>'))).toBe('image/svg+xml')
  })

  it('[S31] refuses what is none of them: HTML, PDF, a RIFF that is not WebP, text, truncated signatures', () => {
    expect(sniffImageType(bytes('<!doctype html><html><body>hi</body></html>'))).toBeNull()
    expect(sniffImageType(bytes('%PDF-1.7\n'))).toBeNull()
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull()
    expect(sniffImageType(bytes('hello <svg>'))).toBeNull()
    expect(sniffImageType(bytes([0x89, 0x50, 0x4e]))).toBeNull()
    expect(sniffImageType(bytes('<svgx></svgx>'))).toBeNull()
    expect(sniffImageType(new Uint8Array(0))).toBeNull()
  })
})
