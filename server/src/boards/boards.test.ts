import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { checkBoardSchema, TEMPLATES, getTemplate, readRecordsFromDoc, readWeb, initialBoardRecords, buildTemplateRecords } from '@overlap/shared'
import { boardSlug, briefFilename } from './briefFilename.js'
import { findRecordProblems } from './validateBoardRecords.js'
import { InvalidTemplateError, createTemplateBoardUpdate, templateBoardRecords } from './templateBoard.js'
import { templateSummary } from '../http/templatesRouter.js'

const schema = createTLSchema()
const problemWeb = getTemplate('problem-web')!

describe('[S34] boards from templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s builds a valid first document', (_id, template) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, createTemplateBoardUpdate(template, schema))
    const records = readRecordsFromDoc(doc)
    expect(findRecordProblems(records, schema)).toEqual([])
    expect(records.filter((r) => r.typeName === 'document' || r.typeName === 'page').map((r) => r.id).sort()).toEqual([
      'document:document',
      'page:page',
    ])
    // Same web as the template built on its own (ids differ: random per board).
    const expected = readWeb(buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 'x' }))
    const web = readWeb(records)
    expect([web.cards.length, web.links.length, web.zones.length, web.dangling.length]).toEqual([
      expected.cards.length,
      expected.links.length,
      expected.zones.length,
      0,
    ])
    expect(checkBoardSchema(doc.getMap('board').get('schema'), schema)).toBe('same')
  })

  it('gives each board its own shape ids', () => {
    const a = new Set(templateBoardRecords(problemWeb).map((r) => r.id))
    const b = templateBoardRecords(problemWeb).map((r) => r.id)
    expect(b.some((id) => a.has(id))).toBe(false)
  })

  it('refuses a template whose records fail the schema, naming the record', () => {
    const broken = { ...problemWeb, zones: problemWeb.zones.map((z, i) => (i === 0 ? { ...z, color: 'plaid' as never } : z)) }
    expect(() => createTemplateBoardUpdate(broken, schema)).toThrow(InvalidTemplateError)
    try {
      createTemplateBoardUpdate(broken, schema)
    } catch (e) {
      expect((e as InvalidTemplateError).problems.join('\n')).toMatch(/^shape:.*color/m)
    }
  })
})

describe('findRecordProblems', () => {
  const records = (): TLRecord[] => [...initialBoardRecords(), ...templateBoardRecords(problemWeb)]

  it('accepts a valid board', () => {
    expect(findRecordProblems(records(), schema)).toEqual([])
  })

  it('reports a missing parent, a dangling binding, a duplicate id and an unknown type', () => {
    const rs = records()
    const note = rs.find((r) => r.typeName === 'shape' && r.type === 'note')!
    const binding = rs.find((r) => r.typeName === 'binding')!
    const withoutFrames = rs.filter((r) => !(r.typeName === 'shape' && r.type === 'frame'))
    const problems = findRecordProblems(
      [
        ...withoutFrames.filter((r) => r.id !== binding.id),
        { ...binding, toId: 'shape:nowhere' } as TLRecord,
        note,
        { id: 'camera:x', typeName: 'nonsense' } as unknown as TLRecord,
      ],
      schema
    )
    expect(problems.some((p) => /parent shape:.* is missing/.test(p))).toBe(true)
    expect(problems).toContain(`${binding.id}: bound shape shape:nowhere is missing`)
    expect(problems).toContain(`${note.id}: duplicate id`)
    expect(problems).toContain('camera:x: unknown record type nonsense')
  })
})

describe('template summaries', () => {
  it('lists id, name, version, card types in CARD_TYPES order, total minutes and the thumbnail URL', () => {
    const s = templateSummary(problemWeb)
    expect(s).toMatchObject({ id: 'problem-web', name: problemWeb.name, version: problemWeb.version })
    expect(s.minutes).toBe(problemWeb.howToRun.steps.reduce((n, step) => n + step.minutes, 0))
    expect(s.cardTypes.length).toBe(new Set(problemWeb.cards.map((c) => c.type)).size)
    expect(s.cardTypes[0]).toBe('business-need')
    expect(s.thumbnailUrl).toBe('/api/templates/problem-web/thumbnail.svg')
  })
})

describe('brief file names', () => {
  it.each([
    ['Checkout redesign', 'checkout-redesign'],
    ['  Café — Q3 plan! ', 'cafe-q3-plan'],
    ['数据', 'board'],
    ['"; rm -rf /', 'rm-rf'],
    ['x'.repeat(100), 'x'.repeat(60)],
  ])('%j → %s', (name, slug) => {
    expect(boardSlug(name)).toBe(slug)
    expect(briefFilename(name)).toBe(`${slug}-brief.md`)
  })
})
