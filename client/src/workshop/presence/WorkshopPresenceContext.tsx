/**
 * The board's WorkshopPresence for tldraw's zero-prop UI slots. BoardEditor creates it with
 * `useWorkshopPresenceSetup` once the editor is mounted; components read it with
 * `useWorkshopPresence` and render nothing until it exists.
 */
import type { Role } from '@overlap/shared'
import { createContext, useContext, useEffect, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { createWorkshopPresence, type WorkshopPresence } from './workshopPresence'

export const WorkshopPresenceContext = createContext<WorkshopPresence | null>(null)

export function useWorkshopPresence(): WorkshopPresence | null {
  return useContext(WorkshopPresenceContext)
}

export function useWorkshopPresenceSetup(opts: {
  editor: Editor | null
  awareness: Awareness | null
  role: Role
  userId: string
  onEditBlocked?: (name: string, yielded: boolean) => void
}): WorkshopPresence | null {
  const { editor, awareness, role, userId } = opts
  const [presence, setPresence] = useState<WorkshopPresence | null>(null)
  const onEditBlocked = useRef(opts.onEditBlocked)
  onEditBlocked.current = opts.onEditBlocked
  useEffect(() => {
    if (!editor || !awareness) return
    const p = createWorkshopPresence({
      editor,
      awareness,
      role,
      userId,
      visibility: document,
      onEditBlocked: (name, yielded) => onEditBlocked.current?.(name, yielded),
    })
    setPresence(p)
    return () => {
      p.dispose()
      setPresence(null)
    }
    // The role is applied below without re-creating (a summon in progress survives a late role).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, awareness, userId])
  useEffect(() => {
    presence?.setRole(role)
  }, [presence, role])
  return presence
}
