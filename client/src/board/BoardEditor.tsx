import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { ALLOWED_ASSET_CONTENT_TYPES, MAX_SHAPES_PER_PAGE } from '@overlap/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  DefaultQuickActions,
  DefaultQuickActionsContent,
  Tldraw,
  useTldrawCurrentUser,
  type Editor,
  type TLComponents,
  type TLUserPreferences,
} from 'tldraw'
import { getConfig } from '../config'
import { useIdentity } from '../identity/IdentityContext'
import { parseIdentity, type Identity } from '../identity/identityStore'
import { BoardBanners } from './BoardBanners'
import { BoardNotFound } from './BoardNotFound'
import { LinkInvalid } from './LinkInvalid'
import type { Role } from '@overlap/shared'
import { BoardSharePanel } from './BoardSharePanel'
import { BoardUiContext, useBoardUi, type BoardUiState } from './BoardUiContext'
import { SyncStatus } from './SyncStatus'
import { createUndoOverrides, linkEditorHistory } from './undoOverrides'
import { createUndoGuards } from './undoGuards'
import { useBoardConnection } from './useBoardConnection'
import { BOARD_CHROME, FACILITATOR_CHROME, fitContentOnOpen } from './clearArea'
import type { BoardConnection } from './boardConnection'
import { exposeTestHooks } from './testHooks'
import { isNewEmptyBoard } from '../templates/newBoardFlag'
import { CardNoteShapeUtil } from '../web/CardNoteShapeUtil'
import { OverlapToolbar } from '../web/OverlapToolbar'
import { WebBar } from '../web/WebBar'
import { WebOverlay } from '../web/WebOverlay'
import { createWebOverrides } from '../web/webOverrides'
import { WebUiContext, createWebUi } from '../web/webUi'
import { PresenceBar } from '../workshop/presence/PresenceBar'
import { ReactionLayer } from '../workshop/presence/ReactionLayer'
import { SummonBanner } from '../workshop/presence/SummonBanner'
import { WorkshopPresenceContext, useWorkshopPresenceSetup } from '../workshop/presence/WorkshopPresenceContext'
import { WorkshopProvider } from '../workshop/WorkshopContext'
import { FacilitatorBar } from '../workshop/FacilitatorBar'
import { WorkshopContextMenu } from '../workshop/WorkshopContextMenu'
import { LockLayer } from '../workshop/lock/LockLayer'
import { RestoreNotices } from '../workshop/presence/RestoreNotices'
import { createLockOverrides } from '../workshop/lock/lockOverrides'
import { createDraftVisibility } from '../workshop/private/draftVisibility'
import { PrivateBanner } from '../workshop/private/PrivateBanner'
import { PrivateLayer } from '../workshop/private/PrivateLayer'
import { WorkshopTimer } from '../workshop/timer/WorkshopTimer'
import { VoteBar } from '../workshop/vote/VoteBar'
import { VoteOverlay } from '../workshop/vote/VoteOverlay'
import { VoteUiProvider } from '../workshop/vote/voteUi'


// Everything passed to <Tldraw> must keep its identity across renders: tldraw re-creates the
// editor when `options`, asset utils (derived from the MIME type lists) or `user` change.
const assetUrls = getAssetUrlsByImport()
function TopPanel() {
  return (
    <div className="ov-top-panel">
      <div className="ov-top-row">
        <WebBar />
        <PresenceBar />
      </div>
      <div className="ov-workshop-row">
        <FacilitatorBar />
        <WorkshopTimer />
        <VoteBar />
      </div>
      <BoardBanners />
      <PrivateBanner />
      <SummonBanner />
    </div>
  )
}
// The workshop's guards (lock, private drafts) live here, not in the top panel: this slot is rendered
// even in focus mode, so hiding the UI does not switch them off.
function InFrontOfTheCanvas() {
  return (
    <>
      <WebOverlay />
      <VoteOverlay />
      <ReactionLayer />
      <LockLayer />
      <PrivateLayer />
      <RestoreNotices />
    </>
  )
}
/**
 * tldraw's undo/redo/delete/duplicate buttons, remounted whenever the undo buttons are linked to
 * the board's history (`historyEpoch`): tldraw caches whether it can redo, and the cache made
 * before the link never looked at the board's history again (Redo stayed disabled after Undo).
 */
function BoardQuickActions() {
  const { historyEpoch } = useBoardUi()
  return (
    <DefaultQuickActions>
      <DefaultQuickActionsContent key={historyEpoch} />
    </DefaultQuickActions>
  )
}
const components: TLComponents = {
  SharePanel: BoardSharePanel,
  TopPanel,
  Toolbar: OverlapToolbar,
  QuickActions: BoardQuickActions,
  InFrontOfTheCanvas,
  ContextMenu: WorkshopContextMenu,
}
// Cards are notes with a type badge (client/src/web/CardNoteShapeUtil.tsx); same shape type and props.
const shapeUtils = [CardNoteShapeUtil]
const options = { maxShapesPerPage: MAX_SHAPES_PER_PAGE }
const NO_VIDEO: readonly string[] = []

export function BoardEditor({
  boardId,
  boardName,
  identity,
  role,
  connection,
}: {
  boardId: string
  boardName: string
  identity: Identity
  role: Role
  /** A connection opened before the editor loaded (BoardPage), taken over by the session once. */
  connection?: { current: BoardConnection | null }
}) {
  const viewOnly = role === 'view'
  const { setIdentity, editIdentity } = useIdentity()
  const toaster = useRef<((message: string, severity: 'error' | 'warning' | 'info') => void) | null>(null)
  const onAssetError = useCallback((message: string) => {
    if (toaster.current) toaster.current(message, 'error')
    else console.error(`[overlap] ${message}`)
  }, [])
  const { session, state } = useBoardConnection(boardId, identity, onAssetError, viewOnly, connection)
  const [editor, setEditor] = useState<Editor | null>(null)
  // The camera is placed in tldraw's onMount, so that the first frame of the board already has it
  // (an effect after mount moved it once the shapes were on screen).
  const roleRef = useRef(role)
  roleRef.current = role
  const onMount = useCallback((e: Editor) => {
    fitContentOnOpen(e, roleRef.current === 'facilitator' ? FACILITATOR_CHROME : BOARD_CHROME)
    setEditor(e)
  }, [])
  // Workshop attention (people, summon, presenting, reactions) over awareness; true role [WS10].
  // One toast per burst: canEditShape is asked on every double-click and Enter.
  const lastEditBlocked = useRef(0)
  const onEditBlocked = useCallback((name: string, yielded: boolean) => {
    const now = Date.now()
    if (now - lastEditBlocked.current < 3000) return
    lastEditBlocked.current = now
    toaster.current?.(
      yielded
        ? `${name} started typing here at the same moment: it is theirs until they finish (what you typed is kept).`
        : `${name} is typing here. You can edit it when they finish.`,
      'info'
    )
  }, [])
  const presence = useWorkshopPresenceSetup({ editor, awareness: session?.provider.awareness ?? null, role, userId: identity.id, onEditBlocked })

  // tldraw's own people menu lets the user rename and recolour; keep our identity in step.
  const userPreferences = useMemo<TLUserPreferences>(
    () => ({ id: identity.id, name: identity.name, color: identity.color }),
    [identity]
  )
  // Stable callback (read through a ref): a new one would make tldraw re-create the editor.
  const identityRef = useRef(identity)
  identityRef.current = identity
  const setUserPreferences = useCallback(
    (prefs: TLUserPreferences) => {
      const current = identityRef.current
      const next = parseIdentity({ ...current, name: prefs.name ?? current.name, color: prefs.color ?? current.color })
      if (next && (next.name !== current.name || next.color !== current.color)) setIdentity(next)
    },
    [setIdentity]
  )
  const user = useTldrawCurrentUser({ userPreferences, setUserPreferences })

  const webUi = useMemo(
    () => createWebUi(() => session?.getBinding() ?? null, { autoGallery: isNewEmptyBoard(boardId) }),
    [session, boardId]
  )
  const [undoGuards] = useState(createUndoGuards)
  const overrides = useMemo(
    () => [createUndoOverrides(() => session?.getBinding() ?? null, undoGuards), createWebOverrides(webUi), createLockOverrides(role === 'facilitator')],
    [session, webUi, role, undoGuards]
  )
  // Private drafts of others are hidden [WS8]; one stable callback per editor (see draftVisibility.ts).
  const [draftVisibility] = useState(createDraftVisibility)
  useEffect(() => (session ? draftVisibility.connect(session.doc, identity.id) : undefined), [draftVisibility, session, identity.id])

  const [historyEpoch, setHistoryEpoch] = useState(0)
  useEffect(() => {
    if (!editor || !session) return
    const binding = session.getBinding()
    const unlink = binding ? linkEditorHistory(editor, binding) : () => {}
    if (binding) setHistoryEpoch((n) => n + 1)
    const unexpose = exposeTestHooks({ editor, session })
    return () => {
      unlink()
      unexpose()
    }
  }, [editor, session, state.phase])



  useEffect(() => {
    // A viewer's editor is read-only [A5] (the server drops its writes anyway).
    if (editor) editor.updateInstanceState({ isReadonly: viewOnly || state.readonlyReason !== null })
  }, [editor, state.readonlyReason, viewOnly])

  const ui = useMemo<BoardUiState>(
    () => ({
      boardId,
      boardName,
      role,
      state,
      maxShapesPerPage: MAX_SHAPES_PER_PAGE,
      historyEpoch,
      undoGuards,
      editIdentity,
      discardLocalChanges: () => void session?.dispose({ forgetLocal: true }).then(() => window.location.reload()),
      setToaster: (fn) => {
        toaster.current = fn
      },
    }),
    [boardId, boardName, role, state, editIdentity, undoGuards, session, historyEpoch]
  )

  if (state.phase === 'not-found') return <BoardNotFound />
  if (state.phase === 'unauthorized') return <LinkInvalid />
  if (!session || state.phase === 'loading') {
    return (
      <div className="ov-loading">
        <p>Opening “{boardName}”…</p>
        <SyncStatus state={state} shapes={0} />
      </div>
    )
  }

  const config = getConfig()
  return (
    <BoardUiContext.Provider value={ui}>
      <WebUiContext.Provider value={webUi}>
        <WorkshopProvider doc={session.doc} boardId={boardId} role={role} userId={identity.id}>
          <WorkshopPresenceContext.Provider value={presence}>
            <VoteUiProvider>
              <div className="ov-board">
                <Tldraw
                  store={session.store}
                  user={user}
                  assetUrls={assetUrls}
                  licenseKey={config.tldrawLicenseKey}
                  options={options}
                  overrides={overrides}
                  components={components}
                  maxAssetSize={config.maxUploadBytes}
                  acceptedImageMimeTypes={ALLOWED_ASSET_CONTENT_TYPES}
                  acceptedVideoMimeTypes={NO_VIDEO}
                  onMount={onMount}
                  shapeUtils={shapeUtils}
                  getShapeVisibility={draftVisibility.getShapeVisibility}
                />
              </div>
            </VoteUiProvider>
          </WorkshopPresenceContext.Provider>
        </WorkshopProvider>
      </WebUiContext.Provider>
    </BoardUiContext.Provider>
  )
}
