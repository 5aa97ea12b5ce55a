import { describe, expect, it } from 'vitest'
import { CloseCode, CloseReason, describeClose, isRetryableClose } from './closeCodes.js'

describe('close codes', () => {
  it('are unique application codes with a short reason each', () => {
    const codes = Object.values(CloseCode)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) {
      // RFC 6455: 1012 is a registered "service restart" code; ours are in the private 4000–4999 range.
      expect(code === 1012 || (code >= 4000 && code <= 4999)).toBe(true)
      const reason = CloseReason[code]
      expect(reason.length).toBeGreaterThan(0)
      // A close frame's reason must fit in 123 bytes.
      expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123)
    }
  })

  it('tell the client when retrying is pointless', () => {
    expect(isRetryableClose(CloseCode.NotFound)).toBe(false)
    expect(isRetryableClose(CloseCode.Unauthorized)).toBe(false)
    expect(isRetryableClose(CloseCode.MessageTooLarge)).toBe(false)
    expect(isRetryableClose(CloseCode.ServerRestarting)).toBe(true)
    expect(isRetryableClose(CloseCode.MalformedMessage)).toBe(true)
    expect(describeClose(CloseCode.NotFound)).toBe('board not found')
    expect(describeClose(4999)).toBe('closed (4999)')
  })
})
