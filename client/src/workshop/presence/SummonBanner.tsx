/**
 * A participant's side of a summon or presentation: "Following <name> (facilitator)" or "Presenting:
 * slide i of n — <frame>" with "Break away"; after breaking away, a quiet "Rejoin" while it lasts.
 */
import './presence.css'
import { useEffect } from 'react'
import { useEditor, useValue, type TLShapeId } from 'tldraw'
import type { SummonTarget } from './summonDecision'
import type { WorkshopPresence } from './workshopPresence'
import { useWorkshopPresence } from './WorkshopPresenceContext'

function frameName(editor: ReturnType<typeof useEditor>, frameId: string): string {
  const shape = editor.getShape(frameId as TLShapeId)
  const name = shape?.type === 'frame' ? (shape.props as { name?: unknown }).name : undefined
  return typeof name === 'string' && name ? name : 'Frame'
}

function Subject({ target }: { target: SummonTarget }) {
  const editor = useEditor()
  const slide = useValue('slide name', () => (target.presenting ? frameName(editor, target.presenting.frameId) : null), [editor, target])
  if (target.presenting && slide !== null) {
    return (
      <span data-testid="summon-presenting" data-index={target.presenting.index} data-total={target.presenting.total}>
        Presenting: slide {target.presenting.index + 1} of {target.presenting.total} — {slide}
        <span className="ov-summon-by"> · {target.leaderName}</span>
      </span>
    )
  }
  return <span data-testid="summon-text">Following {target.leaderName} (facilitator)</span>
}

export function SummonBanner() {
  const presence = useWorkshopPresence()
  return presence ? <SummonBannerFor presence={presence} /> : null
}

function SummonBannerFor({ presence }: { presence: WorkshopPresence }) {
  const editor = useEditor()
  const view = useValue('summon view', () => presence.$summon.get(), [presence])
  // "Break away" does what tldraw's "Stop following" helper button does: presence.css hides that one
  // while this banner shows, so a summoned participant is not offered two buttons for one thing.
  const summoned = Boolean(view.follow)
  useEffect(() => {
    const container = editor.getContainer()
    container.classList.toggle('ov-summoned', summoned)
    return () => container.classList.remove('ov-summoned')
  }, [editor, summoned])
  if (view.follow) {
    return (
      <div className="ov-banner ov-summon-banner" role="status" data-testid="summon-banner" data-leader-id={view.follow.leaderUserId}>
        <span className="ov-summon-dot" />
        <Subject target={view.follow} />
        <button type="button" className="ov-button ov-button-small" data-testid="summon-break-away" onClick={() => presence.breakAway()}>
          Break away
        </button>
      </div>
    )
  }
  if (view.brokenAway) {
    const what = view.brokenAway.presenting ? 'is presenting' : 'asked everyone to follow'
    return (
      <div className="ov-banner ov-summon-rejoin" role="status" data-testid="summon-rejoin-banner">
        {view.brokenAway.leaderName} {what}
        <button type="button" className="ov-button ov-button-small" data-testid="summon-rejoin" onClick={() => presence.rejoin()}>
          Rejoin
        </button>
      </div>
    )
  }
  return null
}
