/**
 * tldraw UI overrides for cards: a "Card" tool (toolbar button, shortcut C) that opens the card-type
 * picker, and an action (Shift+C) that drops a card of the last-used type at the pointer.
 * tldraw's own tools and shortcuts are untouched.
 */
import type { TLUiOverrides } from 'tldraw'
import { createCard, creationPoint } from './cardActions'
import type { WebUi } from './webUi'

/** A sticky note with a type badge in its corner (tldraw's note icon has no badge). */
const cardIcon = (
  <svg width="18" height="18" viewBox="0 0 18 18" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round">
    <rect x="2.5" y="2.5" width="13" height="13" rx="1.5" />
    <rect x="5" y="5" width="6" height="2.5" rx="1.25" fill="currentColor" stroke="none" />
    <path d="M5 10.5h8M5 13h5" strokeLinecap="round" />
  </svg>
)

export const CARD_TOOL_ID = 'overlap-card'
export const QUICK_CARD_ACTION_ID = 'overlap-quick-card'

export function createWebOverrides(ui: WebUi): TLUiOverrides {
  return {
    tools(editor, tools) {
      tools[CARD_TOOL_ID] = {
        id: CARD_TOOL_ID,
        label: 'Card',
        icon: cardIcon,
        kbd: 'c',
        onSelect() {
          if (editor.getIsReadonly()) return
          ui.pickerOpen.set(!ui.pickerOpen.get())
        },
      }
      return tools
    },
    actions(editor, actions) {
      actions[QUICK_CARD_ACTION_ID] = {
        id: QUICK_CARD_ACTION_ID,
        label: 'Card of the last type',
        kbd: 'shift+c',
        onSelect(source) {
          createCard(editor, ui.lastCardType.get(), creationPoint(editor, source === 'kbd'))
        },
      }
      return actions
    },
  }
}
