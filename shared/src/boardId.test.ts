import { describe, expect, it } from 'vitest'
import { BOARD_ID_BYTES, generateBoardId, parseBoardId, parseBoardName } from './boardId.js'

describe('board ids', () => {
  it('carry at least 128 bits of randomness and parse back', () => {
    expect(BOARD_ID_BYTES * 8).toBeGreaterThanOrEqual(128)
    const ids = new Set(Array.from({ length: 1000 }, () => generateBoardId()))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(parseBoardId(id)).toBe(id)
  })

  it('are deterministic for injected randomness', () => {
    const zeros = generateBoardId((n) => new Uint8Array(n))
    expect(zeros).toBe('AAAAAAAAAAAAAAAAAAAAAA')
    const ff = generateBoardId((n) => new Uint8Array(n).fill(255))
    expect(ff).toBe('_____________________w')
  })

  it.each([
    ['too short', 'abc'],
    ['too long', 'A'.repeat(23)],
    ['path traversal', '../../etc/passwd12345'],
    ['sql', "x' OR 1=1 --AAAAAAAAAA"],
    ['dots', 'AAAAAAAAAA.AAAAAAAAAAA'],
    ['not a string', 42],
    ['empty', ''],
  ])('refuse malformed ids: %s', (_label, input) => {
    expect(parseBoardId(input)).toBeNull()
  })
})

describe('board names', () => {
  it('are trimmed and bounded', () => {
    expect(parseBoardName('  Kick-off  ')).toBe('Kick-off')
    expect(parseBoardName('')).toBeNull()
    expect(parseBoardName('   ')).toBeNull()
    expect(parseBoardName('x'.repeat(201))).toBeNull()
    expect(parseBoardName({})).toBeNull()
  })

  it('lose control characters and bidirectional overrides; are counted in characters, not UTF-16 units', () => {
    expect(parseBoardName('a\u0000b\u0007\u202Eevil\n')).toBe('abevil')
    expect(parseBoardName('\u2066\u0009')).toBeNull()
    expect(parseBoardName('\u{1F642}'.repeat(200))).toBe('\u{1F642}'.repeat(200))
    expect(parseBoardName('\u{1F642}'.repeat(201))).toBeNull()
  })

  it('lose lone surrogates (storage made them replacement marks) and the double space a removed character leaves', () => {
    expect(parseBoardName('a\ud800b')).toBe('ab')
    expect(parseBoardName('a\udc00b\ud83d')).toBe('ab')
    expect(parseBoardName('Q3 \u202E planning')).toBe('Q3 planning')
    // A real pair is kept.
    expect(parseBoardName('a\ud83d\ude42b')).toBe('a\u{1F642}b')
  })
})
