/**
 * "Import .tldr…": the chosen file goes to `POST /api/boards/import` as a NEW board, then we open it.
 * The server parses and migrates it; when it refuses, its reason is shown here and nothing is created.
 */
import { useRef, useState } from 'react'
import { importTldr } from '../api/snapshotsApi'
import { navigate } from '../routes'

const nameFromFile = (fileName: string) => fileName.replace(/\.(tldr|json)$/i, '').trim().slice(0, 100) || 'Imported board'

export function ImportTldrButton() {
  const input = useRef<HTMLInputElement>(null)
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string }>({ kind: 'idle' })

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setState({ kind: 'busy' })
    try {
      const board = await importTldr(file, nameFromFile(file.name))
      setState({ kind: 'idle' })
      // importTldr remembered the new board's links and facilitator token; BoardPage puts it in the URL.
      navigate(`/b/${encodeURIComponent(board.id)}`)
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) })
    } finally {
      if (input.current) input.current.value = ''
    }
  }

  return (
    <>
      <button type="button" role="menuitem" disabled={state.kind === 'busy'} data-testid="import-tldr" onClick={() => input.current?.click()}>
        {state.kind === 'busy' ? 'Importing…' : 'Import .tldr as a new board…'}
      </button>
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
