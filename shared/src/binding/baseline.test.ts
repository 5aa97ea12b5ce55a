import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, toRichText, type TLGeoShape, type TLShape } from '@tldraw/tlschema'
import { createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { bindStoreToDoc } from './bindStoreToDoc.js'
import { createHeadlessStore } from './headlessStore.js'
import { readRecordsFromDoc, writeDocSchema, writeInitialBoard, writeRecordsToDoc } from './docRecords.js'
import { createRecordMap, getBaseline, getBoardMap, getRecordsMap, storedEntriesOf, EMPTY_BASELINE } from './docLayout.js'
import { BASELINE_KEY, defaultBaselineTable } from './baseline.js'
import { initialBoardRecords } from './docRecords.js'
import { makeArrowBinding, makeArrowShape, makeGeoShape } from './testing.js'
import { boundPeers, geoOf, seededBoard } from './testPeers.js'

const schema = createTLSchema()

const clients = boundPeers

const seeded = seededBoard

describe('[B15] baseline', () => {
  it('[B15] the table is tldraw 5.4.2\'s default props of every default shape and binding type', () => {
    const table = defaultBaselineTable()
    const shapeProps = table.records.shape.props!
    expect(Object.keys(shapeProps).sort()).toEqual(
      defaultShapeUtils.filter((U) => Object.keys(new U({} as never).getDefaultProps()).length > 0).map((U) => U.type).sort(),
    )
    for (const U of defaultShapeUtils) {
      const defaults = new U({} as never).getDefaultProps() as Record<string, unknown>
      if (Object.keys(defaults).length > 0) expect(shapeProps[U.type], U.type).toEqual(JSON.parse(JSON.stringify(defaults)))
    }
    for (const U of defaultBindingUtils) {
      expect(table.records.binding.props![U.type]).toEqual(new U({} as never).getDefaultProps())
    }
    // Each value validates as a real record: a default geo shape read back from the baseline alone.
    const doc = seeded()
    const shape = makeGeoShape({ x: 1, y: 2 })
    writeRecordsToDoc(doc, [shape])
    expect([...storedEntriesOf(getRecordsMap(doc).get(shape.id)!).keys()].sort()).toEqual(['index', 'type', 'xy'])
    expect(() => schema.types.shape.validate(readRecordsFromDoc(doc).find((r) => r.id === shape.id))).not.toThrow()
  })

  it('[B15][B17] a record stores only what differs from the baseline; setting a value back deletes the key', () => {
    const [a] = clients(1, seeded()).all
    const shape = makeGeoShape({ props: { color: 'blue', w: 120 } })
    a.store.put([shape])
    const ymap = getRecordsMap(a.doc).get(shape.id)!
    expect([...storedEntriesOf(ymap).keys()].sort()).toEqual(['index', 'p.color', 'p.w', 'type', 'xy'])
    a.store.put([{ ...shape, props: { ...shape.props, color: 'black' } }])
    // The baseline's value, but not the one the record was created with: stored explicitly.
    expect(ymap.get('p.color')).toBe('black')
    expect(readRecordsFromDoc(a.doc).find((r) => r.id === shape.id)).toEqual({ ...shape, props: { ...shape.props, color: 'black' } })
    a.store.put([shape])
    expect(ymap.has('p.color')).toBe(false)
    expect(readRecordsFromDoc(a.doc).find((r) => r.id === shape.id)).toEqual(shape)
    // Objects compare deep: an empty rich text equal to the baseline is not stored either.
    a.store.put([{ ...shape, props: { ...shape.props, richText: toRichText('') } }])
    expect(ymap.has('p.richText')).toBe(false)
  })

  it('[B15][B6] move, recolour, fill and text edit of one shape by three people all survive', () => {
    const shape = makeGeoShape()
    const { all, link } = clients(3, seeded([shape]))
    const [a, b, c] = all
    link.pause()
    a.store.put([{ ...geoOf(a, shape.id), x: 40, props: { ...geoOf(a, shape.id).props, color: 'red' } }])
    b.store.put([{ ...geoOf(b, shape.id), props: { ...geoOf(b, shape.id).props, fill: 'solid' } }])
    c.store.put([{ ...geoOf(c, shape.id), props: { ...geoOf(c, shape.id).props, richText: toRichText('hi') } }])
    link.resume()
    for (const peer of all) {
      expect(peer.store.get(shape.id)).toMatchObject({ x: 40, props: { color: 'red', fill: 'solid', richText: toRichText('hi') } })
    }
  })

  it('[B15] records read from the baseline never share its objects; a stored object replaces the default', () => {
    const doc = new Y.Doc()
    writeInitialBoard(doc, schema)
    const plain = makeGeoShape()
    const labelled = makeGeoShape({ props: { richText: toRichText('label') } } as Partial<TLGeoShape>)
    writeRecordsToDoc(doc, [plain, { ...plain, id: 'shape:plain2' as TLShape['id'] }, labelled])
    const read = readRecordsFromDoc(doc).filter((r) => r.typeName === 'shape') as TLGeoShape[]
    const [a, b] = read.filter((r) => r.id !== labelled.id)
    expect(a!.props.richText).toEqual(plain.props.richText)
    expect(a!.props.richText).not.toBe(b!.props.richText)
    expect(a!.meta).not.toBe(b!.meta)
    // Mutating one record read from the doc changes nothing in the next read.
    ;(a!.props.richText as { content: unknown[] }).content.push({ type: 'paragraph' })
    ;(a!.meta as Record<string, unknown>).x = 1
    const again = readRecordsFromDoc(doc).find((r) => r.id === a!.id) as TLGeoShape
    expect(again.props.richText).toEqual(plain.props.richText)
    expect(again.meta).toEqual({})
    expect(read.find((r) => r.id === labelled.id)!.props.richText).toEqual(toRichText('label'))
  })

  it('[B15][B17] a concurrent set back to the stored value and set to another value converge on the other value', () => {
    const shape = makeGeoShape({ props: { color: 'red' } })
    const green = { ...shape, props: { ...shape.props, color: 'green' as const } }
    for (const order of [0, 1]) {
      const { all, link } = clients(2, seeded([shape]))
      const [a, b] = order ? [all[1], all[0]] : all
      a.store.put([green])
      link.pause()
      a.store.put([shape]) // back to the value the record was created with: deletes the key
      expect(getRecordsMap(a.doc).get(shape.id)!.has('p.color')).toBe(false)
      b.store.put([{ ...shape, props: { ...shape.props, color: 'blue' } }])
      link.resume()
      for (const peer of all) expect(geoOf(peer, shape.id).props.color).toBe('blue')
      expect(readRecordsFromDoc(all[0].doc)).toEqual(readRecordsFromDoc(all[1].doc))
    }
  })

  it('[B15][B7] undo of my delete brings back a non-default prop a peer changed concurrently', () => {
    const shape = makeGeoShape({ props: { color: 'red' } })
    const { all, link } = clients(2, seeded([shape]))
    const [a, b] = all
    link.pause()
    a.store.remove([shape.id])
    b.store.put([{ ...shape, props: { ...shape.props, color: 'blue' } }])
    link.resume()
    a.binding.undo()
    // Yjs does not redo `p.color` (it conflicts with b's newer value, which died with the map): the
    // absent key would read as the baseline 'black'. The binding fills it from what it deleted.
    for (const peer of all) expect(peer.store.get(shape.id)).toEqual(shape)
  })

  it('[B15] a doc without a baseline (another writer) is read and written with every field explicit', () => {
    const doc = new Y.Doc()
    const shape = makeGeoShape({ props: { color: 'red' } })
    doc.transact(() => {
      for (const record of [...initialBoardRecords(), shape]) getRecordsMap(doc).set(record.id, createRecordMap(record, EMPTY_BASELINE))
      writeDocSchema(doc, schema.serialize())
    })
    const updates = vi.fn()
    doc.on('update', updates)
    const store = createTLStore()
    bindStoreToDoc({ store, doc })
    store.ensureStoreIsUsable()
    expect(updates).not.toHaveBeenCalled() // opening writes nothing, and no baseline
    expect(store.get(shape.id)).toEqual(shape)
    store.put([{ ...shape, props: { ...shape.props, color: 'black' } }])
    const ymap = getRecordsMap(doc).get(shape.id)!
    expect(ymap.get('p.color')).toBe('black')
    expect(storedEntriesOf(ymap).get('rotation')).toBe(0)
    expect(getBoardMap(doc).has(BASELINE_KEY)).toBe(false)
    expect(getBaseline(doc)).toBe(EMPTY_BASELINE)
    const other = makeGeoShape()
    writeRecordsToDoc(doc, [other])
    expect(storedEntriesOf(getRecordsMap(doc).get(other.id)!).get('p.dash')).toBe('draw')
    expect(getBoardMap(doc).has(BASELINE_KEY)).toBe(false)
  })

  it('[B15][B5] a server-seeded board has the baseline; opening it writes nothing', () => {
    const server = seeded([makeGeoShape(), makeArrowShape()])
    expect(getBoardMap(server).get(BASELINE_KEY)).toEqual(defaultBaselineTable())
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
    const updates = vi.fn()
    doc.on('update', updates)
    const store = createTLStore()
    bindStoreToDoc({ store, doc })
    store.ensureStoreIsUsable()
    expect(updates).not.toHaveBeenCalled()
    expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(2)
  })

  it('[B15] a binding that joined before the sync reads records written against a baseline that arrives later', () => {
    const box = makeGeoShape({ props: { fill: 'solid' } })
    const arrow = makeArrowShape()
    const server = seeded([box, arrow])
    writeRecordsToDoc(server, [makeArrowBinding(arrow.id, box.id, 'end')])
    const doc = new Y.Doc()
    const store = createHeadlessStore()
    bindStoreToDoc({ store, doc })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'wire')
    const shapesAndBindings = (rs: readonly { typeName: string; id: string }[]) =>
      rs.filter((r) => r.typeName === 'shape' || r.typeName === 'binding').sort((x, y) => x.id.localeCompare(y.id))
    expect(shapesAndBindings(store.allRecords())).toEqual(shapesAndBindings(readRecordsFromDoc(server)))
  })

  it('[B15] a brand-new local board seeds the baseline with its records and schema', () => {
    const store = createHeadlessStore()
    store.ensureStoreIsUsable()
    store.put([makeGeoShape()])
    const doc = new Y.Doc()
    bindStoreToDoc({ store, doc })
    expect(getBoardMap(doc).get(BASELINE_KEY)).toEqual(defaultBaselineTable())
    expect(readRecordsFromDoc(doc).filter((r) => r.typeName === 'shape')).toEqual(store.allRecords().filter((r) => r.typeName === 'shape'))
  })
})
