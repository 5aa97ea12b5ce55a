import { describe, expect, it } from 'vitest'
import { boardLink, canWrite, parseAccessToken, parseRole, parseSide } from './access.js'

describe('[A1] tokens and roles', () => {
  it('[A1] a token is exactly 43 base64url characters (256 bits)', () => {
    expect(parseAccessToken('A'.repeat(43))).toBe('A'.repeat(43))
    expect(parseAccessToken('A'.repeat(42))).toBeNull()
    expect(parseAccessToken('A'.repeat(44))).toBeNull()
    expect(parseAccessToken('+'.repeat(43))).toBeNull()
    expect(parseAccessToken(undefined)).toBeNull()
  })

  it('[A4] facilitator and edit may write, view may not', () => {
    expect(canWrite('facilitator')).toBe(true)
    expect(canWrite('edit')).toBe(true)
    expect(canWrite('view')).toBe(false)
    expect(parseRole('owner')).toBeNull()
    expect(parseSide('design')).toBe('design')
    expect(parseSide('sales')).toBeNull()
  })

  it('[A1] a link is PUBLIC_URL/b/<id>?token=<token>', () => {
    expect(boardLink('https://x.org', 'id', 't')).toBe('https://x.org/b/id?token=t')
  })
})
