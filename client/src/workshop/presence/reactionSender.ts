/**
 * Sending an emoji reaction: it sits in this tab's `overlap.reaction` for REACTION_SHOW_MS (every peer
 * floats it once, by id), then is cleared so a late joiner does not see stale reactions. A new
 * reaction replaces the previous one at once (new id): peers already floated the old one.
 */
import { REACTION_EMOJI } from '@overlap/shared'
import type { OverlapPatch } from './overlapAwareness'
import { REACTION_SHOW_MS } from './reactionFeed'

export type ReactionEmoji = (typeof REACTION_EMOJI)[number]

export interface ReactionSender {
  send(emoji: ReactionEmoji, pagePoint: { x: number; y: number }): void
  dispose(): void
}

export function createReactionSender(opts: {
  publish(patch: OverlapPatch): void
  newId(): string
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
}): ReactionSender {
  const timers = opts.timers ?? {
    setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  }
  let pending: unknown = null
  return {
    send(emoji, point) {
      if (pending !== null) timers.clearTimeout(pending)
      // Rounded: awareness is JSON, and sub-pixel precision is noise for a floating emoji.
      opts.publish({ reaction: { id: opts.newId(), emoji, x: Math.round(point.x), y: Math.round(point.y) } })
      pending = timers.setTimeout(() => {
        pending = null
        opts.publish({ reaction: null })
      }, REACTION_SHOW_MS)
    },
    dispose() {
      if (pending !== null) timers.clearTimeout(pending)
      pending = null
    },
  }
}
