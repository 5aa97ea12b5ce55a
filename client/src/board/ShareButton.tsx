import { useEffect, useRef, useState } from 'react'
import { boardUrl } from '../config'

type ShareState = 'idle' | 'copied' | 'manual'
const COPIED_VISIBLE_MS = 2000

/**
 * Copies the board link. Where the Clipboard API is unavailable (plain HTTP on a LAN address, or
 * permission denied) it shows the link in a selected input so the user can copy it by hand.
 */
export function ShareButton({ boardId }: { boardId: string }) {
  const [state, setState] = useState<ShareState>('idle')
  const inputRef = useRef<HTMLInputElement>(null)
  const url = boardUrl(boardId)

  useEffect(() => {
    if (state !== 'copied') return
    const t = setTimeout(() => setState('idle'), COPIED_VISIBLE_MS)
    return () => clearTimeout(t)
  }, [state])

  useEffect(() => {
    if (state === 'manual') inputRef.current?.select()
  }, [state])

  async function share() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(url)
      setState('copied')
    } catch {
      setState('manual')
    }
  }

  return (
    <div className="ov-share">
      <button type="button" className="ov-button ov-button-small" data-testid="share-button" onClick={share}>
        {state === 'copied' ? 'Link copied' : 'Share'}
      </button>
      {state === 'manual' && (
        <div className="ov-share-popover" role="dialog" aria-label="Board link">
          <p>Copy this link:</p>
          <input ref={inputRef} readOnly value={url} data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="ov-button ov-button-small ov-button-secondary" onClick={() => setState('idle')}>
            Close
          </button>
        </div>
      )}
    </div>
  )
}
