import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { inlineEarlySocket } from './vite/inlineEarlySocket'
import { preloadRouteChunks } from './vite/preloadRouteChunks'
import { boardChunks } from './vite/boardChunks'

// The Overlap server (server/src/main.ts) listens here in development; `pnpm dev` proxies to it so
// the browser sees one origin, exactly as in production where the server serves client/dist.
const SERVER_ORIGIN = process.env.OVERLAP_DEV_SERVER ?? 'http://127.0.0.1:8787'

export default defineConfig({
  plugins: [
    react(),
    // A board link fetches the editor's chunks beside the entry chunk, not after it (first paint).
    // The path is routes.ts's board page: `/b/<id>`.
    preloadRouteChunks([{ path: /^\/b\/[^/]+\/?$/, modules: ['src/board/BoardPage.tsx', 'src/board/boardPrefetch.ts'] }]),
    // …and a first visit's socket opens before any of it has arrived (src/board/earlySocketScript.ts).
    inlineEarlySocket(),
  ],
  resolve: {
    // Use shared's TypeScript sources directly so the client needs no prebuild of shared/;
    // subpaths (`@overlap/shared/protocol`) are single files, for chunks that must stay small.
    alias: [
      { find: /^@overlap\/shared$/, replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
      { find: /^@overlap\/shared\/([\w/]+)$/, replacement: fileURLToPath(new URL('../shared/src/', import.meta.url)) + '$1.ts' },
    ],
  },
  optimizeDeps: {
    // @tldraw/assets resolves icons/fonts/translations with `new URL(..., import.meta.url)`;
    // pre-bundling would break those URLs.
    exclude: ['@tldraw/assets'],
  },
  server: {
    proxy: {
      '/api': { target: SERVER_ORIGIN, changeOrigin: true },
      '/config.js': { target: SERVER_ORIGIN, changeOrigin: true },
      '/sync': { target: SERVER_ORIGIN, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // tldraw alone is ~2 MB of JS; the warning would only be noise.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // A board link loads 2 scripts of its own instead of 11 (vite/boardChunks.ts).
      output: { codeSplitting: { groups: [{ debugName: 'board', name: boardChunks(fileURLToPath(new URL('.', import.meta.url))), includeDependenciesRecursively: false }] } },
    },
  },
})
