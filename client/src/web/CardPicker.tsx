/**
 * The card-type picker (toolbar "Card" or C): nine types with their colour, 1–9 to choose by
 * keyboard, Escape to close. The card appears at the viewport centre, ready for typing.
 */
import { CARD_TYPES, COLOR_HEX, type CardType } from '@overlap/shared'
import { useEffect, useRef } from 'react'
import { useEditor, useValue } from 'tldraw'
import { createCard, creationPoint } from './cardActions'
import { useWebUi } from './webUi'

export function CardPicker() {
  const editor = useEditor()
  const ui = useWebUi()
  const open = useValue('card picker open', () => ui.pickerOpen.get(), [ui])
  const last = useValue('last card type', () => ui.lastCardType.get(), [ui])
  const ref = useRef<HTMLDivElement>(null)

  const choose = (type: CardType) => {
    ui.pickerOpen.set(false)
    ui.lastCardType.set(type)
    createCard(editor, type, creationPoint(editor, false))
  }

  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        ui.pickerOpen.set(false)
      } else if (/^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const type = CARD_TYPES[Number(e.key) - 1]
        if (type) choose(type.id)
      } else {
        return
      }
      e.preventDefault()
      e.stopPropagation()
    }
    // Capture phase: tldraw's own shortcuts (1–9 have none, Escape does) must not also fire.
    window.addEventListener('keydown', onKey, true)
    const onDown = (e: PointerEvent) => {
      const target = e.target as Element | null
      // The toolbar's Card button toggles the picker itself.
      if (target?.closest?.('.tlui-toolbar')) return
      if (ref.current && !ref.current.contains(target)) ui.pickerOpen.set(false)
    }
    window.addEventListener('pointerdown', onDown, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('pointerdown', onDown, true)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, ui, editor])

  if (!open) return null
  return (
    <div ref={ref} className="ov-picker" role="menu" aria-label="New card" data-testid="card-type-picker">
      <div className="ov-picker-title">New card</div>
      {CARD_TYPES.map((t, i) => (
        <button
          key={t.id}
          type="button"
          role="menuitem"
          className={`ov-picker-item${t.id === last ? ' ov-picker-item-last' : ''}`}
          data-testid={`card-type-option-${t.id}`}
          onClick={() => choose(t.id)}
        >
          <span className="ov-swatch" style={{ background: COLOR_HEX[t.color] }} />
          <span className="ov-picker-label">{t.label}</span>
          <kbd>{i + 1}</kbd>
        </button>
      ))}
      <div className="ov-picker-hint">Shift+C: another {CARD_TYPES.find((t) => t.id === last)?.label.toLowerCase()} at the pointer</div>
    </div>
  )
}
