import { navigate } from '../routes'
import type { RecentBoard } from './recentBoards'

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function RecentBoardList({ boards, onRemove }: { boards: RecentBoard[]; onRemove(id: string): void }) {
  if (boards.length === 0) {
    return (
      <p className="ov-muted" data-testid="recent-boards">
        Boards you open appear here.
      </p>
    )
  }
  return (
    <ul className="ov-recent" data-testid="recent-boards">
      {boards.map((b) => (
        <li key={b.id}>
          <a
            href={`/b/${b.id}`}
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
              e.preventDefault()
              navigate(`/b/${b.id}`)
            }}
          >
            <span className="ov-recent-name">{b.name}</span>
            <span className="ov-muted ov-recent-date">{dateFormat.format(b.lastOpened)}</span>
          </a>
          <button type="button" className="ov-icon-button" aria-label={`Forget ${b.name}`} title="Remove from list" onClick={() => onRemove(b.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
