/**
 * Received emoji reactions floating up from their page point for REACTION_SHOW_MS (CSS animation),
 * in tldraw's `InFrontOfTheCanvas` slot so they pan and zoom with the board. The sender sees their own.
 */
import './presence.css'
import { useEffect, useState } from 'react'
import { react, useEditor, useValue } from 'tldraw'
import { nextReactions, REACTION_SHOW_MS, type ReceivedReaction } from './reactionFeed'
import type { WorkshopPresence } from './workshopPresence'
import { useWorkshopPresence } from './WorkshopPresenceContext'

/** A burst from a whole room stays readable (and cheap): the oldest go first. */
const MAX_FLOATS = 40

function ReactionFloat({ reaction }: { reaction: ReceivedReaction }) {
  const editor = useEditor()
  const at = useValue('reaction point', () => editor.pageToViewport({ x: reaction.x, y: reaction.y }), [editor, reaction])
  return (
    <div
      className="ov-reaction-float"
      data-testid="reaction-float"
      data-emoji={reaction.emoji}
      style={{ left: at.x, top: at.y, animationDuration: `${REACTION_SHOW_MS}ms` }}
    >
      <span className="ov-reaction-emoji">{reaction.emoji}</span>
      <span className="ov-reaction-from" style={{ background: reaction.color }}>
        {reaction.fromName}
      </span>
    </div>
  )
}

export function ReactionLayer() {
  const presence = useWorkshopPresence()
  return presence ? <ReactionLayerFor presence={presence} /> : null
}

function ReactionLayerFor({ presence }: { presence: WorkshopPresence }) {
  const [floats, setFloats] = useState<ReceivedReaction[]>([])
  useEffect(() => {
    let ids: ReadonlySet<string> = new Set()
    const timers = new Set<ReturnType<typeof setTimeout>>()
    const stop = react('reaction feed', () => {
      const step = nextReactions(presence.$peers.get(), ids)
      ids = step.ids
      if (step.fresh.length === 0) return
      setFloats((f) => [...f, ...step.fresh].slice(-MAX_FLOATS))
      for (const r of step.fresh) {
        const t = setTimeout(() => {
          timers.delete(t)
          setFloats((f) => f.filter((x) => x.id !== r.id))
        }, REACTION_SHOW_MS)
        timers.add(t)
      }
    })
    return () => {
      stop()
      for (const t of timers) clearTimeout(t)
    }
  }, [presence])

  return (
    <div className="ov-reaction-layer" aria-hidden="true">
      {floats.map((r) => (
        <ReactionFloat key={r.id} reaction={r} />
      ))}
    </div>
  )
}
