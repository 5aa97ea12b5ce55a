import { LOCK_META_KEY } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { isLockedMeta, refuseChange, refuseDeletion, unlockOnCreate, type LockTree } from './lockRules'

const locked = { [LOCK_META_KEY]: true }
const participant = { source: 'user', isFacilitator: false } as const
const facilitator = { source: 'user', isFacilitator: true } as const
const remote = { source: 'remote', isFacilitator: false } as const

/** page ⊃ frame (locked) ⊃ card, label (locked); page ⊃ zone ⊃ pin (locked); page ⊃ loose. */
function tree(lockedIds: string[]): LockTree {
  const parent: Record<string, string | null> = { frame: null, card: 'frame', label: 'frame', zone: null, pin: 'zone', loose: null }
  return {
    isLocked: (id) => lockedIds.includes(id),
    parentOf: (id) => parent[id] ?? null,
    childrenOf: (id) => Object.keys(parent).filter((k) => parent[k] === id),
  }
}
const t = tree(['frame', 'label', 'pin'])

describe('facilitator lock rules', () => {
  it('[WS9] only meta.overlapLocked === true locks', () => {
    expect(isLockedMeta(locked)).toBe(true)
    expect(isLockedMeta({ [LOCK_META_KEY]: false })).toBe(false)
    expect(isLockedMeta({ [LOCK_META_KEY]: 'true' })).toBe(false)
    expect(isLockedMeta(null)).toBe(false)
    expect(isLockedMeta(undefined)).toBe(false)
  })

  it('[WS9] a participant’s own change to a locked shape is refused; the facilitator’s and remote ones are not', () => {
    expect(refuseChange(participant, locked, locked)).toBe(true)
    expect(refuseChange(participant, locked, {})).toBe(true) // unlocking
    expect(refuseChange(participant, {}, locked)).toBe(true) // locking
    expect(refuseChange(participant, {}, {})).toBe(false)
    expect(refuseChange(facilitator, locked, locked)).toBe(false)
    expect(refuseChange(facilitator, locked, { [LOCK_META_KEY]: false })).toBe(false)
    expect(refuseChange(remote, locked, locked)).toBe(false)
  })

  it('[WS9] deleting a locked shape, or a shape holding one, is refused for a participant', () => {
    expect(refuseDeletion(participant, t, 'frame', new Set(['frame', 'card', 'label']))).toBe(true)
    expect(refuseDeletion(participant, t, 'zone', new Set(['zone', 'pin']))).toBe(true)
    expect(refuseDeletion(participant, t, 'loose', new Set(['loose']))).toBe(false)
  })

  it('[WS9] a card in a locked frame survives the frame’s refused deletion but can be deleted on its own', () => {
    // Deleted along with the frame (the frame is in the batch): kept, or the frame would be emptied.
    expect(refuseDeletion(participant, t, 'card', new Set(['frame', 'card', 'label']))).toBe(true)
    // Deleted by itself: allowed, the frame is untouched.
    expect(refuseDeletion(participant, t, 'card', new Set(['card']))).toBe(false)
  })

  it('[WS9] the facilitator and remote changes delete anything', () => {
    expect(refuseDeletion(facilitator, t, 'frame', new Set(['frame', 'card', 'label']))).toBe(false)
    expect(refuseDeletion(remote, t, 'label', new Set(['label']))).toBe(false)
  })

  it('[WS9] a participant’s copy of a locked shape is created unlocked; the facilitator’s and remote ones keep the lock', () => {
    expect(unlockOnCreate(participant, locked)).toBe(true)
    expect(unlockOnCreate(participant, {})).toBe(false)
    expect(unlockOnCreate(facilitator, locked)).toBe(false)
    expect(unlockOnCreate(remote, locked)).toBe(false)
  })
})
