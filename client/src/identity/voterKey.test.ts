// [WS6] the voter key: a secret that the ballot routes accept (22–64 URL-safe characters), kept per browser.
import { describe, expect, it } from 'vitest'
import { parseVoterKey } from '@overlap/shared'
import { loadVoterKey, randomVoterKey } from './voterKey'

const memoryStorage = () => {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }
}

describe('[WS6] voter key', () => {
  it('is random, 32 URL-safe characters, and a key the server accepts', () => {
    const a = randomVoterKey()
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(parseVoterKey(a)).toBe(a)
    expect(randomVoterKey()).not.toBe(a)
  })

  it('is made once per browser and kept; a malformed stored value is replaced', () => {
    const s = memoryStorage()
    const first = loadVoterKey(s)
    expect(loadVoterKey(s)).toBe(first)
    s.setItem('overlap:voter-key', 'short')
    const replaced = loadVoterKey(s)
    expect(replaced).not.toBe('short')
    expect(parseVoterKey(replaced)).toBe(replaced)
  })

  it('works without storage (for the life of the page)', () => {
    expect(parseVoterKey(loadVoterKey(null))).not.toBeNull()
  })
})
