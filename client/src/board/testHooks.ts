import type { Editor } from 'tldraw'
import type { BoardSession } from './boardSession'

declare global {
  interface Window {
    __overlap?: {
      editor: Editor
      doc: BoardSession['doc']
      provider: BoardSession['provider']
      binding: ReturnType<BoardSession['getBinding']>
      store: BoardSession['store']
      session: BoardSession
    }
  }
}

/** `window.__overlap` for e2e tests and debugging (docs/ARCHITECTURE.md, "Client test hooks"). */
export function exposeTestHooks({ editor, session }: { editor: Editor; session: BoardSession }): () => void {
  const hooks = {
    editor,
    doc: session.doc,
    provider: session.provider,
    binding: session.getBinding(),
    store: session.store,
    session,
  }
  window.__overlap = hooks
  return () => {
    if (window.__overlap === hooks) delete window.__overlap
  }
}
