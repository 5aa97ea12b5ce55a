/**
 * Loads a synced doc's records into a tldraw store in plain Node, through the shared binding
 * (`bindStoreToDoc` on a `createHeadlessStore()`, which validates every record as the browser does).
 */
import type * as Y from 'yjs'
import { bindStoreToDoc, createHeadlessStore } from '@overlap/shared'

// tldraw's store batches listeners per animation frame; plain Node has no frames. ~60 Hz, like a page.
const g = globalThis as { requestAnimationFrame?: (cb: (t: number) => void) => unknown; cancelAnimationFrame?: (h: unknown) => void }
if (typeof g.requestAnimationFrame !== 'function') {
  g.requestAnimationFrame = (cb) => setTimeout(() => cb(performance.now()), 16)
  g.cancelAnimationFrame = (h) => clearTimeout(h as NodeJS.Timeout)
}

export interface LoadResult {
  shapes: number
  dispose(): void
}

export function loadDocIntoStore(doc: Y.Doc): LoadResult {
  const store = createHeadlessStore()
  const binding = bindStoreToDoc({ store, doc })
  const shapes = store.allRecords().filter((r) => r.typeName === 'shape').length
  return {
    shapes,
    dispose: () => {
      binding.dispose()
      store.dispose()
    },
  }
}
