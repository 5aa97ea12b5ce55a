import { navigate } from '../routes'

/** A 401 from the server or a 4401 close ([A8]): the link was rotated or never had a token. No retry. */
export function LinkInvalid() {
  return (
    <main className="ov-home ov-centered" data-testid="link-invalid">
      <h1>This link is no longer valid</h1>
      <p className="ov-muted">This link is no longer valid — ask the facilitator for a new one.</p>
      <button type="button" className="ov-button" onClick={() => navigate('/')}>
        Go to the home page
      </button>
    </main>
  )
}
