/**
 * The board page's two chunks (first paint, issue 2): what they take and what they leave alone.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { boardChunks } from './boardChunks'

const root = '/app/client'
const src = (f: string) => path.join(root, 'src', f)
const shared = (f: string) => `/app/shared/src/${f}`

/** A module graph: id → its static imports. */
function graph(edges: Record<string, string[]>) {
  return { getModuleInfo: (id: string) => (id in edges ? { importedIds: edges[id]! } : null) }
}

const edges: Record<string, string[]> = {
  [src('main.tsx')]: [src('routes.ts'), '/nm/react-dom/index.js'],
  [src('routes.ts')]: [shared('boardId.ts')],
  [shared('boardId.ts')]: [],
  '/nm/react-dom/index.js': [],
  [src('board/boardPrefetch.ts')]: [src('board/boardConnection.ts'), shared('boardId.ts')],
  [src('board/boardConnection.ts')]: ['/nm/yjs/yjs.mjs'],
  '/nm/yjs/yjs.mjs': [],
  [src('board/BoardPage.tsx')]: [src('board/boardConnection.ts'), '/nm/tldraw/index.js', shared('index.ts'), '/nm/react-dom/index.js'],
  '/nm/tldraw/index.js': [],
  // The barrel names every module of shared, lazy parts' included.
  [shared('index.ts')]: [shared('templates/catalogue.ts'), shared('templates/layout.ts'), shared('snapshots/diffBoards.ts'), shared('web/readWeb.ts')],
  [shared('templates/catalogue.ts')]: [],
  [shared('templates/layout.ts')]: [],
  [shared('snapshots/diffBoards.ts')]: [],
  [shared('web/readWeb.ts')]: [],
  // Only imported dynamically: never followed.
  [src('export/pdf.ts')]: ['/nm/pdf-lib/index.js'],
}

describe('boardChunks', () => {
  const name = boardChunks(root)
  const ctx = graph(edges)
  const chunkOf = (id: string) => name(id, ctx)

  it('never takes a module the home page imports statically', () => {
    for (const id of [src('main.tsx'), src('routes.ts'), shared('boardId.ts'), '/nm/react-dom/index.js']) expect(chunkOf(id)).toBeNull()
  })

  it("puts the prefetch's closure in board-connection, the rest of the board page's in board", () => {
    expect(chunkOf(src('board/boardPrefetch.ts'))).toBe('board-connection')
    expect(chunkOf(src('board/boardConnection.ts'))).toBe('board-connection')
    expect(chunkOf('/nm/yjs/yjs.mjs')).toBe('board-connection')
    expect(chunkOf(src('board/BoardPage.tsx'))).toBe('board')
    expect(chunkOf('/nm/tldraw/index.js')).toBe('board')
    expect(chunkOf(shared('web/readWeb.ts'))).toBe('board')
    expect(chunkOf(shared('templates/layout.ts'))).toBe('board')
  })

  it('leaves lazy parts lazy: dynamic imports, and what only the barrel reaches for them', () => {
    expect(chunkOf(src('export/pdf.ts'))).toBeNull()
    expect(chunkOf('/nm/pdf-lib/index.js')).toBeNull()
    expect(chunkOf(shared('templates/catalogue.ts'))).toBeNull()
    expect(chunkOf(shared('snapshots/diffBoards.ts'))).toBeNull()
  })

  it('fails the build when a root is missing from the graph (a renamed file)', () => {
    expect(() => boardChunks(root)('x', graph({ [src('main.tsx')]: [] }))).toThrow(/not in the module graph/)
  })
})
