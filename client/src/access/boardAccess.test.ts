import { describe, expect, it } from 'vitest'
import { parseLinks, tokenFromLink } from './boardAccess'

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
