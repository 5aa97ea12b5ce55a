/**
 * One board tab's workshop attention features, composed: the published `overlap` field, every peer's
 * state, the summon follower, the presenter and the reaction sender. Created once the editor exists
 * (following and presenting drive its camera); `dispose` on leaving the board.
 */
import type { Role } from '@overlap/shared'
import { atom, computed, type Editor, type Signal } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { createAwarenessPeers } from './awarenessPeers'
import { installEditClaim } from './editClaim'
import { createOverlapAwareness, type VisibilitySource } from './overlapAwareness'
import type { PeerState } from './peerState'
import { createPresenter, type Presenter } from './presenter'
import { createReactionSender, type ReactionEmoji } from './reactionSender'
import { decideSummon, type SummonView } from './summonDecision'
import { createSummonFollower } from './summonFollower'

export interface WorkshopPresence {
  readonly userId: string
  readonly $role: Signal<Role>
  readonly $peers: Signal<readonly PeerState[]>
  /** This tab's own summon id while it summons everyone (facilitator), else null. */
  readonly $ownSummon: Signal<string | null>
  readonly $summon: Signal<SummonView>
  readonly presenter: Presenter
  setRole(role: Role): void
  startSummon(): void
  /** Ends the summon and any presentation. */
  stopSummon(): void
  breakAway(): void
  /** Follow the summon this tab broke away from again. */
  rejoin(): void
  sendReaction(emoji: ReactionEmoji): void
  /** This tab restored the snapshot `name`: every other page says so (RestoreNotices). */
  announceRestore(name: string): void
  dispose(): void
}

export function createWorkshopPresence(opts: {
  editor: Editor
  awareness: Awareness
  role: Role
  userId: string
  visibility: VisibilitySource
  newId?: () => string
  /** Someone else is typing in the shape this tab wanted to edit (editClaim.ts). */
  onEditBlocked?: (name: string, yielded: boolean) => void
}): WorkshopPresence {
  const { editor, userId } = opts
  const newId = opts.newId ?? (() => crypto.randomUUID())
  const local = createOverlapAwareness({ awareness: opts.awareness, role: opts.role, userId, visibility: opts.visibility })
  const peers = createAwarenessPeers(opts.awareness)
  const $brokenAway = atom<ReadonlySet<string>>('summons broken away from', new Set())
  const $summon = computed<SummonView>('summon view', () =>
    decideSummon({ peers: peers.$peers.get(), selfUserId: userId, brokenAwayIds: $brokenAway.get() })
  )
  const $target = computed('summon target', () => $summon.get().follow)
  const follower = createSummonFollower({
    editor,
    $target,
    onBreakAway: (id) => $brokenAway.set(new Set([...$brokenAway.get(), id])),
  })
  const presenter = createPresenter({ editor, publish: local.update, newId })
  const stopEditClaim = installEditClaim({
    editor,
    $peers: peers.$peers,
    selfClientId: opts.awareness.clientID,
    publish: local.update,
    onBlocked: (name, yielded) => opts.onEditBlocked?.(name, yielded),
  })
  const reactions = createReactionSender({ publish: local.update, newId })
  const $role = computed('overlap role', () => local.$local.get().role)

  return {
    userId,
    $role,
    $peers: peers.$peers,
    $ownSummon: computed('own summon', () => local.$local.get().summon?.id ?? null),
    $summon,
    presenter,
    setRole: local.setRole,
    startSummon() {
      // Only a facilitator's summon is trusted by peers (and the server checks the role [WS10]).
      if (local.$local.get().role !== 'facilitator') return
      if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
      local.update({ summon: { id: newId() }, presenting: null })
    },
    stopSummon() {
      if (presenter.$presentation.get()) presenter.end()
      else local.update({ summon: null, presenting: null })
    },
    breakAway: () => follower.breakAway(),
    rejoin() {
      const id = $summon.get().brokenAway?.summonId
      if (!id) return
      const next = new Set($brokenAway.get())
      next.delete(id)
      $brokenAway.set(next)
    },
    sendReaction(emoji) {
      // At the centre of what the sender sees (the pointer is on the picker, not on the canvas),
      // nudged a little so a burst of reactions does not stack into one.
      const c = editor.getViewportPageBounds().center
      const spread = 60 / editor.getZoomLevel()
      reactions.send(emoji, { x: c.x + (Math.random() - 0.5) * spread, y: c.y + (Math.random() - 0.5) * spread })
    },
    announceRestore(name) {
      local.update({ restored: { id: newId(), name } })
    },
    dispose() {
      stopEditClaim()
      presenter.end()
      reactions.dispose()
      follower.dispose()
      peers.dispose()
      local.dispose()
    },
  }
}
