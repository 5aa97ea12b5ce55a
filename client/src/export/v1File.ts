/**
 * Files from tldraw 1.x (the tldraw.com of before 2.0) are another format altogether:
 * `{ document: { version, pages, pageStates, assets } }`. tldraw still ships its converter
 * (`buildFromV1Document`), which draws such a document into an editor, replacing what that editor
 * held. So it gets a throwaway editor, off-screen, and what it drew is saved as a current .tldr file,
 * which then takes the normal import path (the server for a new board, importIntoEditor for this one).
 */
import * as tldraw from 'tldraw'
import {
  Editor,
  createTLStore,
  defaultAddFontsFromNode,
  defaultBindingUtils,
  defaultShapeTools,
  defaultShapeUtils,
  defaultTools,
  serializeTldrawJson,
  tipTapDefaultExtensions,
} from 'tldraw'

/** A tldraw 1.x file: its `document` has a numeric `version` and `pages` (what tldraw's own check looks at). */
export function isV1File(json: unknown): json is { document: Record<string, unknown> } {
  const doc = (json as { document?: unknown } | null)?.document as { version?: unknown; pages?: unknown } | undefined
  return typeof doc === 'object' && doc !== null && typeof doc.version === 'number' && typeof doc.pages === 'object' && doc.pages !== null
}

// tldraw 5.4.2 exports the converter at run time but marks it internal in its types (tldraw.com opens
// v1 files with it). Pinned version; checked at run time anyway.
type BuildFromV1 = (editor: Editor, document: unknown) => void
const buildFromV1Document = (tldraw as unknown as { buildFromV1Document?: BuildFromV1 }).buildFromV1Document

export async function v1FileToTldr(json: { document: unknown }): Promise<string> {
  if (typeof buildFromV1Document !== 'function') throw new Error('this version of tldraw cannot read tldraw 1.x files')
  const container = document.createElement('div')
  // Laid out (text is measured in it) but never seen.
  container.style.cssText = 'position:fixed;left:-20000px;top:0;width:1200px;height:800px;visibility:hidden;pointer-events:none'
  document.body.appendChild(container)
  const editor = new Editor({
    store: createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils }),
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    tools: [...defaultTools, ...defaultShapeTools],
    getContainer: () => container,
    // What <Tldraw> sets up for rich text (labels, notes, text); the editor refuses text without it.
    options: { text: { addFontsFromNode: defaultAddFontsFromNode, tipTapConfig: { extensions: tipTapDefaultExtensions } } },
  })
  try {
    buildFromV1Document(editor, json.document)
    if (editor.getCurrentPageShapeIds().size === 0 && editor.getPages().length <= 1) throw new Error('the tldraw 1.x file has no shapes')
    return await serializeTldrawJson(editor)
  } finally {
    editor.dispose()
    container.remove()
  }
}
