import { parseOverlapAwareness } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { createOverlapAwareness, type VisibilitySource } from './overlapAwareness'

function fakeVisibility() {
  const listeners = new Set<() => void>()
  const v = {
    hidden: false,
    addEventListener: (_: 'visibilitychange', cb: () => void) => listeners.add(cb),
    removeEventListener: (_: 'visibilitychange', cb: () => void) => listeners.delete(cb),
    setHidden(hidden: boolean) {
      v.hidden = hidden
      for (const cb of listeners) cb()
    },
    listeners,
  }
  return v satisfies VisibilitySource
}

describe('[WS15] createOverlapAwareness', () => {
  it('publishes the true role and identity at once, in awareness only (the doc stays empty)', () => {
    const doc = new Y.Doc()
    const awareness = new Awareness(doc)
    const pub = createOverlapAwareness({ awareness, role: 'view', userId: 'u1', visibility: fakeVisibility() })
    expect(parseOverlapAwareness(awareness.getLocalState())).toEqual({ role: 'view', userId: 'u1', summon: null, presenting: null, reaction: null, away: false, editing: null, restored: null })
    pub.update({ summon: { id: 's' } })
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()))
    pub.dispose()
    awareness.destroy()
  })

  it('away follows the tab visibility; patches keep the rest; a late role replaces the old one', () => {
    const awareness = new Awareness(new Y.Doc())
    const visibility = fakeVisibility()
    const pub = createOverlapAwareness({ awareness, role: 'edit', userId: 'u1', visibility })
    const read = () => parseOverlapAwareness(awareness.getLocalState())
    visibility.setHidden(true)
    expect(read()?.away).toBe(true)
    pub.update({ reaction: { id: 'r', emoji: '👍', x: 1, y: 2 } })
    pub.setRole('facilitator')
    expect(read()).toMatchObject({ role: 'facilitator', away: true, reaction: { id: 'r' } })
    visibility.setHidden(false)
    expect(read()?.away).toBe(false)
    pub.dispose()
    awareness.destroy()
  })

  it('dispose removes the field and stops listening; a null local state (pagehide) stays null', () => {
    const awareness = new Awareness(new Y.Doc())
    const visibility = fakeVisibility()
    const pub = createOverlapAwareness({ awareness, role: 'edit', userId: 'u1', visibility })
    pub.dispose()
    expect(awareness.getLocalState()?.overlap).toBeNull()
    expect(visibility.listeners.size).toBe(0)
    const pub2 = createOverlapAwareness({ awareness, role: 'edit', userId: 'u1', visibility })
    awareness.setLocalState(null)
    pub2.update({ summon: { id: 's' } })
    visibility.setHidden(true)
    expect(awareness.getLocalState()).toBeNull()
    pub2.dispose()
    awareness.destroy()
  })
})
