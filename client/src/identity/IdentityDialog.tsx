import { useEffect, useRef, useState, type FormEvent } from 'react'
import { SIDES, parseSide, type Side } from '@overlap/shared/access'
import { IDENTITY_COLORS, MAX_NAME_CHARS, normalizeName, randomColor, randomUserId, type Identity } from './identityStore'

interface Props {
  initial: Identity | null
  canCancel: boolean
  onSave(identity: Identity): void
  onCancel(): void
}

/** Asks for a display name and a cursor colour. The user id is kept when editing. */
export function IdentityDialog({ initial, canCancel, onSave, onCancel }: Props) {
  const [name, setName] = useState(initial?.name ?? '')
  const [color, setColor] = useState(initial?.color ?? randomColor())
  const [side, setSide] = useState<Side | ''>(initial?.side ?? '')
  const valid = normalizeName(name) !== '' && side !== ''

  // Editing (not the first visit, where a name is needed): Escape cancels, wherever the focus is.
  const cancelRef = useRef(onCancel)
  cancelRef.current = onCancel
  useEffect(() => {
    if (!canCancel) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') cancelRef.current()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [canCancel])

  function submit(e: FormEvent) {
    e.preventDefault()
    if (!valid) return
    onSave({ id: initial?.id ?? randomUserId(), name: normalizeName(name), color, side })
  }

  return (
    <div className="ov-modal-backdrop" role="presentation">
      <form className="ov-modal" role="dialog" aria-modal="true" aria-labelledby="ov-identity-title" onSubmit={submit}>
        <h2 id="ov-identity-title">{initial ? 'Your name and colour' : 'Welcome to Overlap'}</h2>
        <p className="ov-muted">Others on a board see your cursor with this name and colour.</p>
        <label className="ov-field">
          <span>Name</span>
          <input
            data-testid="identity-name"
            autoFocus
            value={name}
            maxLength={MAX_NAME_CHARS}
            placeholder="e.g. Ada"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="ov-field">
          <span>Your side</span>
          <select data-testid="identity-side" value={side} required onChange={(e) => setSide(parseSide(e.target.value) ?? '')}>
            <option value="" disabled>
              Pick one
            </option>
            {SIDES.map((s) => (
              <option key={s} value={s}>
                {s[0]!.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="ov-colors">
          <legend>Colour</legend>
          {IDENTITY_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className="ov-color-swatch"
              aria-label={`colour ${c}`}
              aria-pressed={c === color}
              style={{ background: c }}
              onClick={() => setColor(c)}
            />
          ))}
        </fieldset>
        <div className="ov-modal-actions">
          {canCancel && (
            <button type="button" className="ov-button ov-button-secondary" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="ov-button" data-testid="identity-save" disabled={!valid}>
            Save
          </button>
        </div>
      </form>
    </div>
  )
}
