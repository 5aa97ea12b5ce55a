import { DRAFT_META_KEY, isHiddenDraft, type PrivateState } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { draftFor, isOwnUnrevealedDraft } from './draftRules'
import { inFrameScope } from './privateScope'

const board: PrivateState = { status: 'on', round: 'r1', frameId: null, startedAt: 1 }
const inFrame: PrivateState = { status: 'on', round: 'r2', frameId: 'shape:f', startedAt: 1 }
const yes = () => true
const no = () => false

describe('private mode drafts', () => {
  it('[WS8] while a board-wide round is on, a note/text/geo this user creates is their draft of the round', () => {
    for (const type of ['note', 'text', 'geo']) {
      expect(draftFor(board, 'u1', { type, source: 'user' }, no)).toEqual({ round: 'r1', author: 'u1' })
    }
  })

  it('[WS8] no draft when the round is off, for other shape types, or for shapes arriving from the doc', () => {
    expect(draftFor({ status: 'off' }, 'u1', { type: 'note', source: 'user' }, yes)).toBeNull()
    expect(draftFor(board, 'u1', { type: 'frame', source: 'user' }, yes)).toBeNull()
    expect(draftFor(board, 'u1', { type: 'arrow', source: 'user' }, yes)).toBeNull()
    expect(draftFor(board, 'u1', { type: 'note', source: 'remote' }, yes)).toBeNull()
  })

  it('[WS8] a frame round makes drafts only of shapes in that frame', () => {
    const asked: string[] = []
    expect(draftFor(inFrame, 'u1', { type: 'note', source: 'user' }, (f) => (asked.push(f), true))).toEqual({ round: 'r2', author: 'u1' })
    expect(asked).toEqual(['shape:f'])
    expect(draftFor(inFrame, 'u1', { type: 'note', source: 'user' }, no)).toBeNull()
  })

  it('[WS8] in the frame: a descendant of it, or a shape whose page centre is inside its bounds', () => {
    const frameBounds = { minX: 0, minY: 0, maxX: 100, maxY: 100 }
    expect(inFrameScope('shape:f', { ancestors: ['shape:g', 'shape:f'], centre: { x: 500, y: 500 }, frameBounds })).toBe(true)
    expect(inFrameScope('shape:f', { ancestors: [], centre: { x: 50, y: 99 }, frameBounds })).toBe(true)
    expect(inFrameScope('shape:f', { ancestors: [], centre: { x: 50, y: 101 }, frameBounds })).toBe(false)
    expect(inFrameScope('shape:f', { ancestors: ['shape:g'], centre: null, frameBounds })).toBe(false)
    // The frame is gone: nothing is in it.
    expect(inFrameScope('shape:f', { ancestors: ['shape:f'], centre: { x: 1, y: 1 }, frameBounds: null })).toBe(false)
  })

  it('[WS8] the author sees their unrevealed draft as their own; others have it hidden until its round is revealed', () => {
    const meta = { [DRAFT_META_KEY]: { round: 'r1', author: 'u1' } }
    expect(isOwnUnrevealedDraft(meta, 'u1', [])).toBe(true)
    expect(isOwnUnrevealedDraft(meta, 'u2', [])).toBe(false)
    expect(isOwnUnrevealedDraft(meta, 'u1', ['r1'])).toBe(false)
    expect(isHiddenDraft(meta, 'u2', { revealedRounds: [] })).toBe(true)
    expect(isHiddenDraft(meta, 'u2', { revealedRounds: ['r1'] })).toBe(false)
    expect(isOwnUnrevealedDraft({}, 'u1', [])).toBe(false)
  })
})
