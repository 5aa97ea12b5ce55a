/** Awareness states as peers publish them, for the workshop presence tests. */
import type { OverlapAwareness } from '@overlap/shared'

export function overlapState(o: Partial<OverlapAwareness> & Pick<OverlapAwareness, 'role' | 'userId'>, presence?: Record<string, unknown>) {
  return {
    overlap: { summon: null, presenting: null, reaction: null, away: false, editing: null, restored: null, ...o },
    ...(presence ? { presence: { userId: `user:${o.userId}`, userName: o.userId, color: '#1971c2', meta: {}, lastActivityTimestamp: 0, ...presence } } : {}),
  }
}
