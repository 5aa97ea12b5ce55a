import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CLIENT_DIST, parseConfig } from './config.js'

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv')
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems]
    throw e
  }
  return []
}

describe('parseConfig', () => {
  it('has defaults for everything', () => {
    const c = parseConfig({}, '/srv')
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '/srv/data',
      publicUrl: null,
      logLevel: 'info',
      tldrawLicenseKey: null,
      maxMessageBytes: 8 * 1024 * 1024,
      maxUploadBytes: 10 * 1024 * 1024,
      storage: 'sqlite',
      sqliteSynchronous: 'FULL',
      syncAfterRelayMs: 5,
      clientDist: DEFAULT_CLIENT_DIST,
    })
  })

  it('reads every variable', () => {
    const c = parseConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/overlap',
        PUBLIC_URL: 'https://boards.example.com/overlap/',
        LOG_LEVEL: 'debug',
        TLDRAW_LICENSE_KEY: 'key-123',
        MAX_MESSAGE_BYTES: '2048',
        MAX_UPLOAD_BYTES: '100',
        STORAGE: 'memory',
        SQLITE_SYNCHRONOUS: 'NORMAL',
        SYNC_AFTER_RELAY_MS: '0',
        WS_DEFLATE: 'on',
        CLIENT_DIST: 'client/dist',
      },
      '/srv'
    )
    expect(c).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/overlap',
      publicUrl: 'https://boards.example.com/overlap',
      logLevel: 'debug',
      tldrawLicenseKey: 'key-123',
      maxMessageBytes: 2048,
      maxUploadBytes: 100,
      storage: 'memory',
      sqliteSynchronous: 'NORMAL',
      syncAfterRelayMs: 0,
      wsDeflate: true,
      clientDist: '/srv/client/dist',
    })
  })

  it('leaves PUBLIC_URL unset by default (the server derives it from the port it listens on)', () => {
    expect(parseConfig({ HOST: '10.0.0.5', PORT: '80' }).publicUrl).toBeNull()
  })

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '', TLDRAW_LICENSE_KEY: '  ' }, '/srv')).toMatchObject({
      port: 8787,
      tldrawLicenseKey: null,
    })
  })

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['LOG_LEVEL', 'verbose'],
    ['STORAGE', 'postgres'],
    ['MAX_MESSAGE_BYTES', '10'],
    ['MAX_UPLOAD_BYTES', '0'],
    ['MAX_UPLOAD_BYTES', '1e6'],
    ['SYNC_AFTER_RELAY_MS', '5s'],
    ['SYNC_AFTER_RELAY_MS', '5000'],
    ['PUBLIC_URL', 'example.com'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['PUBLIC_URL', 'http://example.com/?x=1'],
  ])('names the bad variable: %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(name)
  })

  it('lists every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', STORAGE: 'disk' })
    expect(problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'LOG_LEVEL', 'STORAGE'])
    expect(() => parseConfig({ PORT: 'x' })).toThrow(/PORT="x"/)
  })
})
