import { useEffect, useRef, useState } from 'react'
import { boardLink, type Role } from '@overlap/shared'
import { getConfig } from '../config'
import { boardToken, storedLinks, tokenFromLink } from '../access/boardAccess'
import { rotateLink } from '../api/boardsApi'
import { useDismiss } from '../ui/useDismiss'

const COPIED_VISIBLE_MS = 2000
const LABEL: Record<Role, string> = { facilitator: 'facilitator', edit: 'edit', view: 'view' }

/**
 * The Share menu ([A8]): copy the edit / view link (and the facilitator link, for the facilitator),
 * and, for the facilitator, rotate a link (the old one stops working at once). A browser knows the
 * links it created the board with, any it rotated, and its own. Where the Clipboard API is
 * unavailable (plain HTTP on a LAN address) the link is shown in a selected input instead.
 */
export function ShareButton({ boardId, role }: { boardId: string; role: Role }) {
  const [open, setOpen] = useState(false)
  const [copied, setCopied] = useState<Role | null>(null)
  const [manual, setManual] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [links, setLinks] = useState(() => knownLinks(boardId, role))
  const inputRef = useRef<HTMLInputElement>(null)
  // Like every menu: Escape or a press outside closes it (the link box too).
  const menuRef = useDismiss<HTMLDivElement>(open || manual !== null, () => {
    setOpen(false)
    setManual(null)
  })

  useEffect(() => {
    if (copied === null) return
    const t = setTimeout(() => setCopied(null), COPIED_VISIBLE_MS)
    return () => clearTimeout(t)
  }, [copied])
  useEffect(() => {
    if (manual !== null) inputRef.current?.select()
  }, [manual])

  async function copy(r: Role) {
    const url = links[r]
    if (!url) return
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(url)
      setCopied(r)
    } catch {
      setManual(url)
    }
  }

  async function rotate(r: Role) {
    setError(null)
    try {
      const link = await rotateLink(boardId, r)
      if (r === role) {
        // Our own link: the server has just closed this page's socket with the old token [A6]. The
        // page moves to the new link (the address bar's token wins over the stored one [A8]), so a
        // facilitator who rotates their own link is not shown "no longer valid" and locked out.
        // Same origin as this page, whatever PUBLIC_URL says: this browser's storage is here.
        const token = tokenFromLink(link)
        if (token !== null) {
          window.location.replace(`/b/${encodeURIComponent(boardId)}?token=${token}`)
          return
        }
      }
      setLinks(knownLinks(boardId, role))
    } catch (e) {
      setError(`Could not rotate the ${LABEL[r]} link: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  const shown: Role[] = role === 'facilitator' ? ['edit', 'view', 'facilitator'] : ['edit', 'view']
  return (
    <div className="ov-share" ref={menuRef}>
      <button
        type="button"
        className="ov-button ov-button-small"
        data-testid="share-button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {copied ? 'Link copied' : 'Share'}
      </button>
      {open && (
        <div className="ov-share-popover" role="menu" aria-label="Share this board" data-testid="share-menu">
          {shown.map((r) => (
            <div key={r} className="ov-share-row">
              <button
                type="button"
                role="menuitem"
                className="ov-button ov-button-small ov-button-secondary"
                data-testid={`share-copy-${r}`}
                disabled={!links[r]}
                title={links[r] ? undefined : role === 'facilitator' ? 'This browser does not know this link' : 'Ask the facilitator for this link'}
                onClick={() => void copy(r)}
              >
                {copied === r ? 'Copied' : `Copy ${LABEL[r]} link`}
              </button>
              {role === 'facilitator' && (
                <button
                  type="button"
                  role="menuitem"
                  className="ov-button ov-button-small ov-button-secondary"
                  data-testid={`share-rotate-${r}`}
                  title={`Make a new ${LABEL[r]} link; the old one stops working at once`}
                  onClick={() => void rotate(r)}
                >
                  Rotate link
                </button>
              )}
            </div>
          ))}
          {role === 'facilitator' && shown.some((r) => !links[r]) && (
            // The server keeps only fingerprints of the tokens, so a link made in another browser
            // cannot be shown again; a new one can be made.
            <p className="ov-share-hint" data-testid="share-unknown-links">
              This browser does not know every link of this board (it was made or rotated elsewhere). <em>Rotate link</em>{' '}
              makes a new one; people on the old one are disconnected.
            </p>
          )}
          {error && <p role="alert">{error}</p>}
        </div>
      )}
      {manual !== null && (
        <div className="ov-share-popover" role="dialog" aria-label="Board link">
          <p>Copy this link:</p>
          <input ref={inputRef} readOnly value={manual} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="ov-button ov-button-small ov-button-secondary" onClick={() => setManual(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  )
}

/** Links this browser knows: stored ones (creator, rotations) plus its own role's link. */
function knownLinks(boardId: string, role: Role): Partial<Record<Role, string>> {
  const links = { ...storedLinks(boardId) }
  const token = boardToken(boardId)
  if (token !== null) links[role] = boardLink(getConfig().publicUrl, boardId, token)
  return links
}
