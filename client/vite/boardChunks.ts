/**
 * How the board page's code is cut into files (first paint, issue 2).
 *
 * Left to itself the bundler made 14 files for a board link: every module shared by two lazy parts
 * (the board page, the snapshot page, the panels) became its own chunk, some under 1 KiB. Chromium
 * opens at most 6 HTTP/1.1 connections to a host, so the last of them waited for a second and a third
 * round of requests; the scripts arrived 150–450 ms after navigation, against ~70 ms for a bare tldraw
 * page's one file. Here the board's code is two files:
 *
 * - `board-connection`: what `boardPrefetch.ts` needs (Yjs, y-websocket, IndexedDB, the socket).
 *   It stays apart so the connection starts while tldraw is still being compiled.
 * - `board`: everything else the board page imports statically (tldraw, the binding, our UI).
 *
 * A module the entry (`src/main.tsx`, the home page) imports statically is never taken: the home
 * page must not load the editor (so the entry's modules import shared's single files, not its
 * barrel). Lazily imported parts (PDF export, panels, the snapshot page) stay lazy: only static
 * imports are followed. The closure cannot see through shared's barrel (`export *` names every
 * module), so the modules only a lazy part uses but the barrel re-exports are listed in LAZY_ONLY.
 */
import path from 'node:path'

/**
 * Reached through shared's barrel but used only by lazy parts: the template catalogue (the gallery;
 * the board itself uses only `layout.ts` and `thumbnail.ts` of that folder) and the snapshot diff
 * (the history panel). Taking them would add ~25 KiB to every board's first load. (`metaKeys.ts`
 * is the board's: presenting reads a template's instance key.)
 */
const LAZY_ONLY = [
  /[\\/]shared[\\/]src[\\/]templates[\\/](?!layout\.ts$|thumbnail\.ts$|metaKeys\.ts$)[^\\/]+$/,
  /[\\/]shared[\\/]src[\\/]snapshots[\\/]diffBoards\.ts$/,
]

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

/** Names the chunk of a module, or null to leave it to the bundler's automatic splitting. */
export type ChunkNamer = (moduleId: string, ctx: ModuleGraph) => string | null

export function boardChunks(clientRoot: string): ChunkNamer {
  const src = (file: string) => path.join(clientRoot, 'src', file)
  const entry = src('main.tsx')
  const connectionRoots = [src('board/boardPrefetch.ts')]
  const boardRoots = [src('board/BoardPage.tsx')]

  let plan: Map<string, string> | null = null
  const closure = (roots: readonly string[], ctx: ModuleGraph, skip: ReadonlySet<string>): Set<string> => {
    const seen = new Set<string>()
    const stack = [...roots]
    while (stack.length > 0) {
      const id = stack.pop()!
      if (seen.has(id) || skip.has(id)) continue
      const info = ctx.getModuleInfo(id)
      if (!info) continue
      seen.add(id)
      stack.push(...info.importedIds)
    }
    return seen
  }
  const makePlan = (ctx: ModuleGraph): Map<string, string> => {
    const initial = closure([entry], ctx, new Set())
    if (initial.size === 0) throw new Error(`boardChunks: ${entry} is not in the module graph`)
    const connection = closure(connectionRoots, ctx, initial)
    const board = closure(boardRoots, ctx, new Set([...initial, ...connection]))
    if (connection.size === 0 || board.size === 0) throw new Error('boardChunks: a board root is not in the module graph')
    const out = new Map<string, string>()
    for (const id of connection) out.set(id, 'board-connection')
    for (const id of board) if (!LAZY_ONLY.some((re) => re.test(id))) out.set(id, 'board')
    return out
  }
  return (id, ctx) => {
    plan ??= makePlan(ctx)
    return plan.get(id) ?? null
  }
}
