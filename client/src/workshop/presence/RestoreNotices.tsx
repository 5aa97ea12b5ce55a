/**
 * "Dan restored the snapshot “Before the vote”" on every other page: a restore changes the whole board
 * at once, maybe under someone's cursor mid-sentence, and nothing else said who did it or why. Read
 * from awareness (`overlap.restored`, a new id per restore); restores announced before this page
 * opened are not repeated.
 */
import { useEffect, useRef } from 'react'
import { useToasts, useValue } from 'tldraw'
import { useWorkshopPresence } from './WorkshopPresenceContext'

export function RestoreNotices() {
  const presence = useWorkshopPresence()
  const { addToast } = useToasts()
  const peers = useValue('peers for restore notices', () => presence?.$peers.get() ?? [], [presence])
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    const announced = peers.flatMap((p) => (p.overlap?.restored ? [{ id: p.overlap.restored.id, name: p.overlap.restored.name, by: p.presence?.name || 'Someone', mine: p.overlap.userId === presence?.userId }] : []))
    if (seen.current === null) {
      seen.current = new Set(announced.map((a) => a.id))
      return
    }
    for (const a of announced) {
      if (seen.current.has(a.id)) continue
      seen.current.add(a.id)
      if (a.mine) continue // this person's own tab says so in the History panel
      addToast({ id: `overlap-restored-${a.id}`, severity: 'info', title: `${a.by} restored the snapshot “${a.name}”`, description: 'The board changed for everyone. Their Ctrl+Z takes it back.' })
    }
  }, [peers, presence, addToast])
  return null
}
