import { navigate } from '../routes'

export function BoardNotFound() {
  return (
    <main className="ov-home ov-centered" data-testid="board-not-found">
      <h1>Board not found</h1>
      <p className="ov-muted">This board does not exist, or the link is incomplete. Check the link you were sent.</p>
      <button type="button" className="ov-button" onClick={() => navigate('/')}>
        Go to the home page
      </button>
    </main>
  )
}
