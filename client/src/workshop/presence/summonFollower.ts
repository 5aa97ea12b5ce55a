/**
 * Applies the summon decision (summonDecision.ts) to this tab's editor with tldraw's own follow
 * (`startFollowingUser`), so the camera chases the facilitator's viewport as in the people menu.
 *
 * Breaking away: the "Break away" button, or anything that makes tldraw stop following while the
 * leader is still here — panning, zooming, following someone else. Either way this summon id is
 * reported once (`onBreakAway`) and not followed again; a new summon (new id) is. When the leader's
 * presence is merely missing (it has not arrived yet, or they reconnect) it is not a break-away:
 * following starts again when their presence comes back.
 */
import { computed, createUserId, react, type Editor, type Signal, type TLUserId } from 'tldraw'
import type { SummonTarget } from './summonDecision'

/** The slice of the editor that following uses (a fake in tests). */
export type FollowingEditor = Pick<Editor, 'getCollaborators' | 'getInstanceState' | 'startFollowingUser' | 'stopFollowingUser'> & {
  on(event: 'stop-following', cb: () => void): unknown
  off(event: 'stop-following', cb: () => void): unknown
}

export interface SummonFollower {
  /** Stop following the current summon and remember its id (the banner's "Break away"). */
  breakAway(): void
  dispose(): void
}

export function createSummonFollower(opts: {
  editor: FollowingEditor
  $target: Signal<SummonTarget | null>
  onBreakAway(summonId: string): void
}): SummonFollower {
  const { editor } = opts
  /** The summon this tab follows (or is waiting to follow: the leader's presence may be missing). */
  let active: { target: SummonTarget; tlId: TLUserId; following: boolean } | null = null
  /** Set while this module itself starts/stops following, so its own calls are not a break-away. */
  let busy = false
  let scheduled = false
  let disposed = false

  const leaderPresent = (tlId: TLUserId) => editor.getCollaborators().some((c) => c.userId === tlId)
  const followingId = () => editor.getInstanceState().followingUserId

  function withBusy(fn: () => void) {
    busy = true
    try {
      fn()
    } finally {
      busy = false
    }
  }

  function reconcile() {
    scheduled = false
    if (disposed) return
    const target = opts.$target.get()
    if (active && (!target || target.summonId !== active.target.summonId || target.leaderUserId !== active.target.leaderUserId)) {
      // The summon ended or changed hands: stop following its leader (never someone the user chose).
      const old = active
      active = null
      if (followingId() === old.tlId) withBusy(() => editor.stopFollowingUser())
    }
    if (!target) return
    const tlId = createUserId(target.leaderUserId)
    active = { target, tlId, following: active?.following ?? false }
    if (followingId() !== tlId && leaderPresent(tlId)) withBusy(() => editor.startFollowingUser(tlId))
    active.following = followingId() === tlId
  }

  function schedule() {
    if (scheduled) return
    scheduled = true
    // Out of the reactor: following starts its own reactions and camera changes.
    queueMicrotask(reconcile)
  }

  // Only the follow target of the instance, not every instance change (cursor, brush…).
  const $followingId = computed('following user id', () => editor.getInstanceState().followingUserId)
  const stopReacting = react('summon follower', () => {
    opts.$target.get()
    editor.getCollaborators() // the leader's presence arriving or leaving
    $followingId.get() // following lost (e.g. presence blip): follow again
    schedule()
  })

  const onStopFollowing = () => {
    if (busy || !active || !active.following) return
    active.following = false
    if (leaderPresent(active.tlId)) leave(active.target.summonId)
  }
  editor.on('stop-following', onStopFollowing)

  function leave(summonId: string) {
    active = null
    // The caller drops this summon from `$target` (summonDecision's broken-away ids).
    opts.onBreakAway(summonId)
  }

  return {
    breakAway() {
      const current = opts.$target.get()
      if (!current) return
      const wasFollowing = active !== null && followingId() === active.tlId
      if (wasFollowing) withBusy(() => editor.stopFollowingUser())
      leave(current.summonId)
    },
    dispose() {
      disposed = true
      stopReacting()
      editor.off('stop-following', onStopFollowing)
      if (active && followingId() === active.tlId) withBusy(() => editor.stopFollowingUser())
      active = null
    },
  }
}
