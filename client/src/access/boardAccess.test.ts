import { afterEach, describe, expect, it } from 'vitest'
import { UNREACHABLE_MESSAGE, boardFetch, parseLinks, rememberLinks, roleOfStoredToken, tokenFromLink } from './boardAccess'

const TOKEN = 'a'.repeat(43)

describe('[A8] board links on the client', () => {
  it('[A8] reads the token of a share link, absolute or relative; refuses malformed ones', () => {
    expect(tokenFromLink(`https://host/b/abc?token=${TOKEN}`)).toBe(TOKEN)
    expect(tokenFromLink(`/b/abc?token=${TOKEN}`)).toBe(TOKEN)
    expect(tokenFromLink('/b/abc?token=short')).toBeNull()
    expect(tokenFromLink('/b/abc')).toBeNull()
  })

  it('[A8] parses the links of a create response, dropping unknown roles and links without a token', () => {
    expect(
      parseLinks({ facilitator: `/b/x?token=${TOKEN}`, edit: '/b/x', owner: `/b/x?token=${TOKEN}`, view: 3 })
    ).toEqual({ facilitator: `/b/x?token=${TOKEN}` })
    expect(parseLinks(null)).toEqual({})
  })
})

describe('role of the stored token (offline)', () => {
  const boardId = 'AAAAAAAAAAAAAAAAAAAAAA'
  const token = (c: string) => c.repeat(43)
  function fakeWindow(href: string) {
    const items = new Map<string, string>()
    const localStorage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    }
    const url = new URL(href)
    ;(globalThis as { window?: unknown }).window = { localStorage, location: { href, pathname: url.pathname } }
  }
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window
  })

  it('[A8] is the role of the stored link carrying this token, else null', () => {
    fakeWindow(`http://h/b/${boardId}?token=${token('F')}`)
    expect(roleOfStoredToken(boardId)).toBeNull()
    rememberLinks(boardId, { facilitator: `http://h/b/${boardId}?token=${token('F')}`, edit: `http://h/b/${boardId}?token=${token('E')}` })
    expect(roleOfStoredToken(boardId)).toBe('facilitator')
    fakeWindow(`http://h/b/${boardId}?token=${token('E')}`)
    rememberLinks(boardId, { edit: `http://h/b/${boardId}?token=${token('E')}` })
    expect(roleOfStoredToken(boardId)).toBe('edit')
  })
})

describe('board requests that get no answer', () => {
  it('fail with a sentence a person can act on, not "Failed to fetch"; an abort stays an abort', async () => {
    const down = boardFetch('b', () => Promise.reject(new TypeError('Failed to fetch')))
    await expect(down('/api/time')).rejects.toThrow(UNREACHABLE_MESSAGE)
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    await expect(boardFetch('b', () => Promise.reject(abort))('/api/time')).rejects.toBe(abort)
    const ok = new Response('{}', { status: 200 })
    await expect(boardFetch('b', () => Promise.resolve(ok))('/api/time')).resolves.toBe(ok)
  })
})
