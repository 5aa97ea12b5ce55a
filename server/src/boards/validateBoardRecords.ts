/**
 * Checks records the server itself is about to write into a new board (a template's): each one
 * must pass the tldraw schema's validator, as every client's store will run it on load, and every
 * reference (shape parent, binding ends) must point at a record of the same batch. A record that
 * fails would be skipped by every client ([B8]) and the board would silently lack part of its
 * template (an arrow bound to nothing, a note without its zone), so the server refuses the whole
 * template instead.
 */
import type { TLRecord, TLSchema } from '@tldraw/tlschema'

/** Human-readable problems, one per bad record or reference; empty when everything is valid. */
export function findRecordProblems(records: readonly TLRecord[], schema: TLSchema): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const record of records) {
    if (ids.has(record.id)) problems.push(`${record.id}: duplicate id`)
    ids.add(record.id)
    const type = (schema.types as Record<string, { validate(r: unknown): unknown } | undefined>)[record.typeName]
    if (!type) {
      problems.push(`${record.id}: unknown record type ${record.typeName}`)
      continue
    }
    try {
      type.validate(record)
    } catch (e) {
      problems.push(`${record.id}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  for (const record of records) {
    if (record.typeName === 'shape' && !ids.has(record.parentId)) {
      problems.push(`${record.id}: parent ${record.parentId} is missing`)
    }
    if (record.typeName === 'binding') {
      for (const end of [record.fromId, record.toId]) if (!ids.has(end)) problems.push(`${record.id}: bound shape ${end} is missing`)
    }
  }
  return problems
}
