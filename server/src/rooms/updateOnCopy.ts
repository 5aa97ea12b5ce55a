/**
 * A server-side change to a live board as ONE Yjs update, computed on a copy of the room's doc: the
 * room's doc itself only ever changes through the store-then-apply path [S6]. The copy is a new
 * Y.Doc, so it writes with a fresh random clientID each time (the workshop write guard relies on
 * that: no one can name a future server item). Returns null when `change` changed nothing.
 */
import * as Y from 'yjs'

export function updateOnCopy(live: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array | null {
  const copy = new Y.Doc()
  try {
    Y.applyUpdateV2(copy, Y.encodeStateAsUpdateV2(live))
    let update: Uint8Array | null = null
    copy.on('update', (u: Uint8Array) => {
      update = u
    })
    copy.transact(() => change(copy))
    return update
  } finally {
    copy.destroy()
  }
}
