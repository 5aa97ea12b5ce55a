import { describe, expect, it, vi } from 'vitest'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { parseTldrawFile, toStoreSnapshotJson, toTldrawFileJson } from './tldrFile.js'
import { MAX_SHAPES_PER_PAGE } from '../protocol.js'
import { initialBoardRecords } from '../binding/docRecords.js'
import { makeArrowBinding, makeArrowShape, makeFrameShape, makeGeoShape } from '../binding/testing.js'

const schema = createTLSchema()
const file = (records: unknown[], extra: Record<string, unknown> = {}) => ({ ...toTldrawFileJson(records as TLRecord[], schema.serialize()), ...extra })

describe('parseTldrawFile [SN8]', () => {
  it('accepts a .tldr file and a store snapshot with the same records', () => {
    const records = [...initialBoardRecords(), makeGeoShape()]
    const a = parseTldrawFile(file(records), schema)
    const b = parseTldrawFile(toStoreSnapshotJson(records, schema.serialize()), schema)
    expect(a).toMatchObject({ ok: true, schemaWas: 'same', droppedSessionRecords: 0 })
    expect(a.ok && b.ok && a.records.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort())
  })

  it('adds a missing document record and page; drops session records', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    const parsed = parseTldrawFile(file([makeGeoShape(), camera]), schema)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.droppedSessionRecords).toBe(1)
    expect(parsed.records.map((r) => r.typeName).sort()).toEqual(['document', 'page', 'shape'])
  })

  it.each([
    ['an array', [], 'not_tldr'],
    ['a file format from the future', file([], { tldrawFileFormatVersion: 2 }), 'newer_tldraw'],
    ['a tldraw 1.x document', { name: 'old', document: { id: 'doc', version: 15.5, pages: { page: { shapes: {} } }, pageStates: {} } }, 'tldraw_v1'],
    ['records that are not an array', file([], { records: {} }), 'not_tldr'],
    ['no schema', file([], { schema: null }), 'not_tldr'],
    ['an unknown record type', file([{ id: 'widget:1', typeName: 'widget' }]), 'invalid_records'],
    ['a record without id', file([{ typeName: 'shape' }]), 'invalid_records'],
    ['a duplicate id', file([makeGeoShape({ id: 'shape:x' as never }), makeGeoShape({ id: 'shape:x' as never })]), 'invalid_records'],
  ])('refuses %s', (_what, input, error) => {
    const parsed = parseTldrawFile(input, schema)
    expect(parsed).toMatchObject({ ok: false, error })
  })

  it('refuses dangling references: a binding to a shape the file lacks, a shape on a missing page', () => {
    const arrow = makeArrowShape()
    const dangling = parseTldrawFile(file([...initialBoardRecords(), arrow, makeArrowBinding(arrow.id, 'shape:gone' as never, 'end')]), schema)
    expect(dangling).toMatchObject({ ok: false, error: 'invalid_records', message: expect.stringMatching(/shape:gone is missing/) })
    const orphan = parseTldrawFile(file([...initialBoardRecords(), makeGeoShape({ parentId: 'page:elsewhere' as never })]), schema)
    expect(orphan).toMatchObject({ ok: false, error: 'invalid_records', message: expect.stringMatching(/page:elsewhere is missing/) })
  })

  it("refuses another app's shape types by name, not as a newer tldraw; a really newer schema stays newer_tldraw", () => {
    const ours = schema.serialize()
    const custom = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.mycard': 1 } }
    const card = { ...makeGeoShape({ id: 'shape:c' as never }), type: 'mycard', props: {} }
    const parsed = parseTldrawFile(file([...initialBoardRecords(), card as never], { schema: custom }), schema)
    expect(parsed).toMatchObject({ ok: false, error: 'unknown_shapes', message: expect.stringMatching(/types that Overlap does not have: mycard/) })
    const newer = { ...custom, sequences: { ...custom.sequences, 'com.tldraw.shape': 99 } }
    expect(parseTldrawFile(file([...initialBoardRecords()], { schema: newer }), schema)).toMatchObject({ ok: false, error: 'newer_tldraw' })
  })

  it("a failed migration says tldraw's reason, and prints nothing on the console", () => {
    const printed: unknown[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void printed.push(args))
    try {
      const oldText = { id: 'shape:t', typeName: 'shape', type: 'text', x: 0, y: 0, rotation: 0, isLocked: false, opacity: 1, meta: {}, parentId: 'page:page', index: 'a1', props: { color: 'black' } }
      const parsed = parseTldrawFile(
        { tldrawFileFormatVersion: 1, schema: { schemaVersion: 1, storeVersion: 4, recordVersions: { shape: { version: 3 } } }, records: [oldText] },
        schema
      )
      expect(parsed).toMatchObject({ ok: false, error: 'migration_failed', message: expect.stringMatching(/migration-error \(.*TypeError: .+\)$/) })
    } finally {
      spy.mockRestore()
    }
    expect(printed).toEqual([])
  })

  it('[B19] refuses shapes whose parents go round in a circle, naming them; a frame inside a frame is fine', () => {
    const a = makeFrameShape({ id: 'shape:a' as never, parentId: 'shape:b' as never })
    const b = makeFrameShape({ id: 'shape:b' as never, parentId: 'shape:a' as never })
    const inside = makeGeoShape({ id: 'shape:in' as never, parentId: a.id })
    const cycle = parseTldrawFile(file([...initialBoardRecords(), a, b, inside]), schema)
    expect(cycle).toMatchObject({ ok: false, error: 'invalid_records', message: expect.stringMatching(/shape:(a, shape:b|b, shape:a): each is inside the next/) })
    const nested = parseTldrawFile(file([...initialBoardRecords(), { ...a, parentId: 'page:page' as never }, b, inside]), schema)
    expect(nested).toMatchObject({ ok: true })
  })

  it('refuses a page with more shapes than an editor holds (MAX_SHAPES_PER_PAGE), counting nested ones; another page may hold as many', () => {
    const frame = makeGeoShape({ id: 'shape:frame' as never })
    const onPage = Array.from({ length: MAX_SHAPES_PER_PAGE - 1 }, (_, i) => makeGeoShape({ id: `shape:p${i}` as never }))
    const nested = makeGeoShape({ id: 'shape:nested' as never, parentId: frame.id })
    const full = parseTldrawFile(file([...initialBoardRecords(), frame, ...onPage]), schema)
    expect(full.ok).toBe(true)
    const over = parseTldrawFile(file([...initialBoardRecords(), frame, ...onPage, nested]), schema)
    expect(over).toEqual({ ok: false, error: 'too_many_shapes', message: 'page "Page 1" has 10,001 shapes; a page holds at most 10,000' })
  })
})
