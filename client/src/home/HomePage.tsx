import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { createBoard } from '../api/boardsApi'
import { listTemplates, type TemplateChoice } from '../api/templatesApi'
import { markNewEmptyBoard } from '../templates/newBoardFlag'
import { useIdentity } from '../identity/IdentityContext'
import { navigate } from '../routes'
import { rememberToken, tokenFromLink } from '../access/boardAccess'
import { parseBoardLink } from './parseBoardLink'
import { createRecentBoards } from './recentBoards'
import { RecentBoardList } from './RecentBoardList'

/** Create a named board, reopen a recent one, or join by link/id. */
export function HomePage() {
  const recent = useMemo(() => createRecentBoards(), [])
  const [boards, setBoards] = useState(() => recent.list())
  const [name, setName] = useState('')
  const [template, setTemplate] = useState('')
  const [templates, setTemplates] = useState<TemplateChoice[]>([])
  useEffect(() => {
    let cancelled = false
    void listTemplates().then((list) => {
      if (!cancelled) setTemplates(list)
    })
    return () => {
      cancelled = true
    }
  }, [])
  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<string | null>(null)
  const [link, setLink] = useState('')
  const [joinError, setJoinError] = useState<string | null>(null)
  const { identity, editIdentity } = useIdentity()

  async function onCreate(e: FormEvent) {
    e.preventDefault()
    const trimmed = name.trim()
    if (!trimmed || creating) return
    setCreating(true)
    setCreateError(null)
    try {
      const board = await createBoard(trimmed, fetch, template || undefined)
      recent.touch({ id: board.id, name: trimmed })
      // A blank board opens the template gallery once (client/src/templates/newBoardFlag.ts).
      if (!template) markNewEmptyBoard(board.id)
      // The facilitator link: createBoard remembered all three links for the Share menu [A8].
      const token = board.links.facilitator ? tokenFromLink(board.links.facilitator) : null
      navigate(token ? `/b/${board.id}?token=${token}` : `/b/${board.id}`)
    } catch (err) {
      setCreateError(`Could not create the board: ${err instanceof Error ? err.message : String(err)}`)
      setCreating(false)
    }
  }

  function onJoin(e: FormEvent) {
    e.preventDefault()
    const id = parseBoardLink(link)
    if (!id) {
      setJoinError('That does not look like an Overlap board link or id.')
      return
    }
    // A pasted share link carries its token; keep it [A8].
    const token = tokenFromLink(link.trim())
    if (token) rememberToken(id, token)
    navigate(token ? `/b/${id}?token=${token}` : `/b/${id}`)
  }

  return (
    <main className="ov-home">
      <header className="ov-home-header">
        <h1>Overlap</h1>
        {identity && (
          <button type="button" className="ov-identity-chip" onClick={editIdentity} title="Change your name and colour">
            <span className="ov-dot" style={{ background: identity.color }} />
            {identity.name}
          </button>
        )}
      </header>
      <p className="ov-muted">A shared whiteboard. Create a board and send the link to the people you work with.</p>

      <section className="ov-card">
        <h2>New board</h2>
        <form className="ov-row" onSubmit={onCreate}>
          <input
            data-testid="new-board-name"
            aria-label="Board name"
            placeholder="Board name, e.g. Sprint planning"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="ov-button" data-testid="create-board" disabled={!name.trim() || creating}>
            {creating ? 'Creating…' : 'Create board'}
          </button>
        </form>
        <label style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 10, fontSize: 14 }}>
          <span className="ov-muted">Start with</span>
          <select data-testid="new-board-template" style={{ font: 'inherit', padding: '6px 8px', borderRadius: 8 }} value={template} onChange={(e) => setTemplate(e.target.value)}>
            <option value="">A blank board (pick a template on the board)</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.minutes !== null ? ` (${t.minutes} min session)` : ''}
              </option>
            ))}
          </select>
        </label>
        {createError && <p className="ov-error" role="alert">{createError}</p>}
      </section>

      <section className="ov-card">
        <h2>Join a board</h2>
        <form className="ov-row" onSubmit={onJoin}>
          <input
            data-testid="join-board-link"
            aria-label="Board link or id"
            placeholder="Paste a board link or id"
            value={link}
            onChange={(e) => {
              setLink(e.target.value)
              setJoinError(null)
            }}
          />
          <button type="submit" className="ov-button ov-button-secondary" disabled={!link.trim()}>
            Open
          </button>
        </form>
        {joinError && <p className="ov-error" role="alert">{joinError}</p>}
      </section>

      <section className="ov-card">
        <h2>Recent boards</h2>
        <RecentBoardList
          boards={boards}
          onRemove={(id) => {
            recent.remove(id)
            setBoards(recent.list())
          }}
        />
      </section>
    </main>
  )
}
