/** The emoji reaction picker: open to every role (a viewer can react too). */
import { REACTION_EMOJI } from '@overlap/shared'
import type { WorkshopPresence } from './workshopPresence'

export function ReactionPicker({ presence, onPicked }: { presence: WorkshopPresence; onPicked(): void }) {
  return (
    <div className="ov-reaction-picker" data-testid="reaction-picker" role="menu" aria-label="Send a reaction">
      {REACTION_EMOJI.map((emoji) => (
        <button
          key={emoji}
          type="button"
          role="menuitem"
          className="ov-reaction-option"
          data-testid="reaction-option"
          data-emoji={emoji}
          onClick={() => {
            presence.sendReaction(emoji)
            onPicked()
          }}
        >
          {emoji}
        </button>
      ))}
    </div>
  )
}
