/**
 * The first document of a board created from a template, built on the server (no browser involved):
 * the binding's `writeInitialBoard` (document, first page, schema) plus the template's records at the
 * page origin, written through `writeRecordsToDoc` exactly as a client's binding would write them.
 *
 * Everything is validated before a byte is produced: a template that fails is an error the caller
 * turns into a 500, never a half-written board.
 */
import * as Y from 'yjs'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { buildTemplateRecords, initialBoardRecords, writeInitialBoard, writeRecordsToDoc, type Template } from '@overlap/shared'
import { findRecordProblems } from './validateBoardRecords.js'

export class InvalidTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly problems: string[]
  ) {
    super(`template ${templateId} builds ${problems.length} invalid record(s): ${problems.slice(0, 5).join('; ')}`)
    this.name = 'InvalidTemplateError'
  }
}

/** The template's records for a new board (random ids, so two boards never share shape ids). */
export function templateBoardRecords(template: Template): TLRecord[] {
  // The page writeInitialBoard creates (`page:page`): the template goes on the board's first page.
  const page = initialBoardRecords().find((r) => r.typeName === 'page')!
  return buildTemplateRecords(template, { origin: { x: 0, y: 0 }, pageId: page.id, aboveIndex: null })
}

/** Builds the initial document of a template board as one V1 update; throws InvalidTemplateError. */
export function createTemplateBoardUpdate(template: Template, schema: TLSchema): Uint8Array {
  const records = templateBoardRecords(template)
  const problems = findRecordProblems([...initialBoardRecords(), ...records], schema)
  if (problems.length > 0) throw new InvalidTemplateError(template.id, problems)
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      writeInitialBoard(doc, schema)
      writeRecordsToDoc(doc, records)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
