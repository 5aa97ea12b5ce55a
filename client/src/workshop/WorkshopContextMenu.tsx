/**
 * tldraw's context menu with the workshop's groups on top (each group decides whether it shows,
 * e.g. the facilitator's lock items, [WS9]). Add further workshop groups here.
 */
import { DefaultContextMenu, DefaultContextMenuContent, type TLUiContextMenuProps } from 'tldraw'
import { LockMenuGroup } from './lock/LockMenuGroup'

export function WorkshopContextMenu(props: TLUiContextMenuProps) {
  return (
    <DefaultContextMenu {...props}>
      <LockMenuGroup />
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}
