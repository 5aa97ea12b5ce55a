import { useEffect } from 'react'
import { DefaultSharePanel, useEditor, useToasts, useValue } from 'tldraw'
import { useBoardUi } from './BoardUiContext'
import { ShareButton } from './ShareButton'
import { SyncStatus } from './SyncStatus'

/**
 * Replaces tldraw's top-right share zone: sync state, share button and "you" button, followed by
 * tldraw's people menu (faces, follow, and its own name/colour editor).
 */
export function BoardSharePanel() {
  const ui = useBoardUi()
  const editor = useEditor()
  const { addToast } = useToasts()
  const shapes = useValue('shape count', () => editor.getCurrentPageShapeIds().size, [editor])
  const userName = useValue('user name', () => editor.user.getName(), [editor])
  const userColor = useValue('user color', () => editor.user.getColor(), [editor])

  const { setToaster } = ui
  useEffect(() => {
    setToaster((message, severity) => addToast({ title: message, severity }))
    return () => setToaster(null)
  }, [setToaster, addToast])

  return (
    <div className="ov-share-panel" draggable={false}>
      {/* In the top bar, not over the canvas: a banner there covered the top of the board. */}
      {ui.role === 'view' && (
        <span className="ov-view-only" role="status" data-testid="view-only-badge" title="You can follow the board live but not change it">
          View only
        </span>
      )}
      <SyncStatus state={ui.state} shapes={shapes} />
      <ShareButton boardId={ui.boardId} role={ui.role} />
      <button
        type="button"
        className="ov-identity-chip ov-identity-chip-small"
        data-testid="identity-edit"
        title="Change your name and colour"
        onClick={ui.editIdentity}
      >
        <span className="ov-dot" style={{ background: userColor }} />
        <span className="ov-identity-name">{userName}</span>
      </button>
      <DefaultSharePanel />
    </div>
  )
}
