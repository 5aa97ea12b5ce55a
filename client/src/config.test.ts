import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'

describe('run-time config (/config.js)', () => {
  it('reads what the server writes', () => {
    expect(parseConfig({ tldrawLicenseKey: 'k', publicUrl: 'https://o.example/', maxUploadBytes: 5, maxMessageBytes: 7 }, 'http://x')).toEqual({
      tldrawLicenseKey: 'k',
      publicUrl: 'https://o.example',
      maxUploadBytes: 5,
      maxMessageBytes: 7,
    })
  })

  it('falls back when the script is missing or wrong (vite dev without a server)', () => {
    const c = parseConfig(undefined, 'http://localhost:5173')
    expect(c.tldrawLicenseKey).toBeUndefined()
    expect(c.publicUrl).toBe('http://localhost:5173')
    expect(c.maxUploadBytes).toBeGreaterThan(0)
    expect(c.maxMessageBytes).toBe(8 * 1024 * 1024)
    expect(parseConfig({ tldrawLicenseKey: null, publicUrl: 'javascript:alert(1)', maxUploadBytes: -1 }, 'http://h').publicUrl).toBe('http://h')
  })
})
