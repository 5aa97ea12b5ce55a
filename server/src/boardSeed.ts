/**
 * The document a new board starts with: the binding's `writeInitialBoard` (document + first page
 * records and the serialized schema), so server-created boards have exactly the layout the client
 * expects (ARCHITECTURE.md, "Y.Doc layout").
 */
import * as Y from 'yjs'
import { createTLSchema } from '@tldraw/tlschema'
import { writeInitialBoard } from '@overlap/shared'

/** Builds the initial document and returns it as one V1 update. */
export function createInitialBoardUpdate(): Uint8Array {
  const doc = new Y.Doc()
  try {
    writeInitialBoard(doc, createTLSchema())
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
