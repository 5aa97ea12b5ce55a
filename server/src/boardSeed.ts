/**
 * The document a new board starts with.
 *
 * Meant to delegate to the binding's `writeInitialBoard(doc, schema)` from @overlap/shared so
 * that server-created boards have exactly the layout the client expects (ARCHITECTURE.md, "Y.Doc
 * layout"). Until the binding exports it, `writeInitialBoardStub` writes the one thing the layout
 * requires on every doc: the serialized schema under `board.schema`.
 */
import * as Y from 'yjs'
import { createTLSchema, type TLSchema } from '@tldraw/tlschema'

function writeInitialBoardStub(doc: Y.Doc, schema: TLSchema): void {
  doc.getMap('board').set('schema', schema.serialize())
}

/** Builds the initial document and returns it as one V1 update. */
export function createInitialBoardUpdate(): Uint8Array {
  const doc = new Y.Doc()
  try {
    writeInitialBoardStub(doc, createTLSchema())
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
