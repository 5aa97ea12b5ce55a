/**
 * A tldraw store without an editor, for the server, tests and benchmarks: `createTLSchema()` + `Store`
 * validate records exactly as the browser does, without importing `tldraw`/`@tldraw/editor` (which keep
 * a plain Node process alive). Nothing here can mount an editor, so the editor-only props are inert.
 */
import { Store } from '@tldraw/store'
import { createTLSchema, type TLSchema, type TLStore, type TLStoreProps } from '@tldraw/tlschema'

const noUser = { get: () => null }

export function createHeadlessStore(schema: TLSchema = createTLSchema()): TLStore {
  const props: TLStoreProps = {
    defaultName: '',
    assets: {
      upload: async () => {
        throw new Error('a headless store cannot upload assets')
      },
      resolve: (asset) => asset.props.src,
      remove: async () => {},
    },
    users: {
      currentUser: noUser,
      resolve: () => noUser,
    } as unknown as TLStoreProps['users'],
    onMount: () => {},
  }
  return new Store({ schema, props })
}

/**
 * tldraw's store delivers `store.listen` batches once per animation frame (synchronously only under
 * NODE_ENV=test). Plain Node has no `requestAnimationFrame`, so the first store change would throw
 * there. Call this once in a Node process (benchmarks, scripts) that binds a store: it installs a
 * timer-based stand-in when none exists. `binding.flush()` still writes pending changes at once.
 */
export function ensureAnimationFrame(): void {
  const g = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown }
  if (typeof g.requestAnimationFrame !== 'function') {
    g.requestAnimationFrame = (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 16)
    g.cancelAnimationFrame = (id: ReturnType<typeof setTimeout>) => clearTimeout(id)
  }
}
