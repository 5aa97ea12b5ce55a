/**
 * "Import .tldr…": as a NEW board (the file goes to `POST /api/boards/import`, then we open it; the
 * server parses and migrates it) or into THIS board (parsed here with the same code, pasted as one
 * undoable change). When a file is refused, the reason is shown and nothing changes.
 */
import { useRef, useState } from 'react'
import { useEditor } from 'tldraw'
import { importTldr } from '../api/snapshotsApi'
import { getConfig } from '../config'
import { navigate } from '../routes'
import { importIntoEditor } from './importIntoEditor'

/** Cheap pre-check before parsing: v1 documents carry `"pageStates"`, current files never do. */
const looksLikeV1 = (text: string) => text.includes('"pageStates"')

const nameFromFile = (fileName: string) => fileName.replace(/\.(tldr|json)$/i, '').trim().slice(0, 100) || 'Imported board'

/** `onDone`: an import into this board went through (the menu it sits in closes). */
export function ImportTldrButton({ onDone }: { onDone?: () => void } = {}) {
  const editor = useEditor()
  const input = useRef<HTMLInputElement>(null)
  const target = useRef<'new' | 'here'>('new')
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string }>({ kind: 'idle' })

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setState({ kind: 'busy' })
    try {
      let text = await file.text()
      // tldraw 1.x files are converted here first (v1File.ts); everything else goes as it is.
      if (looksLikeV1(text)) {
        const { isV1File, v1FileToTldr } = await import('./v1File')
        const json: unknown = JSON.parse(text)
        if (isV1File(json)) text = await v1FileToTldr(json)
      }
      if (target.current === 'here') {
        await importIntoEditor(editor, text, getConfig().maxMessageBytes)
        setState({ kind: 'idle' })
        onDone?.()
        return
      }
      const board = await importTldr(new File([text], file.name, { type: 'application/json' }), nameFromFile(file.name))
      setState({ kind: 'idle' })
      // importTldr remembered the new board's links and facilitator token; BoardPage puts it in the URL.
      navigate(`/b/${encodeURIComponent(board.id)}`)
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
    } finally {
      if (input.current) input.current.value = ''
    }
  }

  const pick = (where: 'new' | 'here') => {
    target.current = where
    input.current?.click()
  }

  return (
    <>
      <button type="button" role="menuitem" disabled={state.kind === 'busy'} data-testid="import-tldr" onClick={() => pick('new')}>
        {state.kind === 'busy' ? 'Importing…' : 'Import .tldr as a new board…'}
      </button>
      {!editor.getIsReadonly() && (
        <button type="button" role="menuitem" disabled={state.kind === 'busy'} data-testid="import-tldr-here" onClick={() => pick('here')}>
          Import .tldr into this board…
        </button>
      )}
      <input
        ref={input}
        type="file"
        accept=".tldr,application/json"
        hidden
        data-testid="import-tldr-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {state.kind === 'error' && (
        <p className="ov-export-error" role="alert" data-testid="import-error">
          This file could not be imported: {state.message}
        </p>
      )}
    </>
  )
}
