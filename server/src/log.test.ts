import { describe, expect, it } from 'vitest'
import { createLogger } from './log.js'

describe('logger', () => {
  it('writes one JSON object per line with time, level, msg and context', () => {
    const lines: string[] = []
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now: () => 0 })
    log.child({ boardId: 'b1' }).child({ connId: 'c1' }).warn('malformed message', { bytes: 3 })
    log.debug('hidden')
    log.error('failed', { err: new Error('boom') })
    expect(lines).toHaveLength(2)
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true)
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'warn',
      msg: 'malformed message',
      boardId: 'b1',
      connId: 'c1',
      bytes: 3,
    })
    expect(JSON.parse(lines[1]!).err.message).toBe('boom')
  })
})
