/**
 * Everyone on the board (awareness + tldraw presence): name, colour, role, side and whether they are
 * active, idle or away. Clicking a person follows their viewport (tldraw follow); clicking them again,
 * or Escape, stops.
 */
import { useEffect, useState } from 'react'
import { createUserId, useEditor, useValue } from 'tldraw'
import { peopleFrom, ROLE_LABEL, type Person } from './people'
import type { WorkshopPresence } from './workshopPresence'

/** Idle is "no activity for a minute": a coarse clock is enough and keeps the panel cheap. */
const STATUS_TICK_MS = 5_000

const SIDE_LABEL: Record<string, string> = { product: 'Product', engineering: 'Engineering', design: 'Design', other: 'Other' }
const STATUS_LABEL: Record<Person['status'], string> = { active: 'Active', idle: 'Idle', away: 'Away' }

export function usePeople(presence: WorkshopPresence, nowMs: number): Person[] {
  const peers = useValue('peers', () => presence.$peers.get(), [presence])
  return peopleFrom(peers, { selfUserId: presence.userId, nowMs })
}

export function PeoplePanel({
  presence,
  onClose,
  onFollow,
}: {
  presence: WorkshopPresence
  onClose(): void
  /** The tldraw user id this panel started following (null: it stopped). */
  onFollow(tlUserId: string | null): void
}) {
  const editor = useEditor()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), STATUS_TICK_MS)
    return () => clearInterval(t)
  }, [])
  const people = usePeople(presence, now)
  const following = useValue('following', () => editor.getInstanceState().followingUserId, [editor])

  const toggleFollow = (p: Person) => {
    const id = createUserId(p.userId)
    if (following === id) {
      editor.stopFollowingUser()
      onFollow(null)
    } else {
      editor.startFollowingUser(id)
      onFollow(id)
    }
  }

  return (
    <div className="ov-people-panel" data-testid="people-panel" role="dialog" aria-label="People on this board">
      <div className="ov-people-head">
        <span>People here ({people.length})</span>
        <button type="button" className="ov-people-close" data-testid="people-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <ul className="ov-people-list">
        {people.map((p) => {
          const isFollowed = following === createUserId(p.userId)
          return (
            <li key={p.userId}>
              <button
                type="button"
                className={`ov-person${isFollowed ? ' ov-person-followed' : ''}`}
                data-testid="person-row"
                data-user-id={p.userId}
                data-role={p.role ?? ''}
                data-side={p.side ?? ''}
                data-status={p.status}
                data-following={isFollowed}
                disabled={p.isSelf}
                title={p.isSelf ? 'You' : isFollowed ? 'Stop following' : `Follow ${p.name}`}
                onClick={() => toggleFollow(p)}
              >
                <span className="ov-person-dot" style={{ background: p.color }} />
                <span className="ov-person-main">
                  <span className="ov-person-name" data-testid="person-name">
                    {p.name}
                    {p.isSelf && ' (you)'}
                  </span>
                  <span className="ov-person-meta">
                    <span data-testid="person-role">{p.role ? ROLE_LABEL[p.role] : 'Unknown role'}</span>
                    {p.side && (
                      <>
                        {' · '}
                        <span data-testid="person-side">{SIDE_LABEL[p.side]}</span>
                      </>
                    )}
                  </span>
                </span>
                {isFollowed && (
                  <span className="ov-person-following" data-testid="person-following">
                    Following
                  </span>
                )}
                <span className={`ov-person-status ov-person-status-${p.status}`} data-testid="person-status">
                  {STATUS_LABEL[p.status]}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
