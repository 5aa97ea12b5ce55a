import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLRecord } from '@tldraw/tlschema'
import { createHeadlessStore } from '../binding/headlessStore.js'
import { initialBoardRecords, readRecordsFromDoc, writeRecordsToDoc } from '../binding/docRecords.js'
import { analyzeWeb } from '../web/analyzeWeb.js'
import { readWeb } from '../web/readWeb.js'
import { buildTemplateRecords } from './buildTemplateRecords.js'
import { TEMPLATE_META_KEY } from './metaKeys.js'
import { TEMPLATES, getTemplate } from './catalogue.js'
import { integerKeyAbove, indexKeysAbove } from './indexKeys.js'
import { layoutTemplate, templateBounds } from './layout.js'
import { renderTemplateThumbnailSvg } from './thumbnail.js'
import { validateTemplate } from './validateTemplate.js'

const schema = createTLSchema()
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

describe('template catalogue', () => {
  it('[W30] has the twelve templates of PRODUCT.md, Problem web first, unique ids', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'problem-web',
      'problem-definition',
      'success-metrics',
      'feature-kickoff',
      'implementation-options',
      'scope-negotiation',
      'joint-estimation',
      'risk-assessment',
      'dependency-map',
      'decision-record',
      'weekly-alignment',
      'collaboration-retro',
    ])
    expect(getTemplate('problem-web')?.name).toBe('Problem web')
    expect(getTemplate('nope')).toBeUndefined()
  })

  it('[W30] Problem web: five typed zones, one prompt card each, every pair linked both ways', () => {
    const t = getTemplate('problem-web')!
    expect(t.zones.map((z) => z.cardType)).toEqual(['business-need', 'constraint', 'research-finding', 'architecture-option', 'requirement'])
    expect(t.cards).toHaveLength(5)
    const pairs = new Set(t.links.filter((l) => l.twoWay).map((l) => [l.from, l.to].sort().join('|')))
    expect(pairs.size).toBe(10)
  })
})

describe.each(TEMPLATES.map((t) => [t.id, t] as const))('template %s', (_id, template) => {
  it('[W34] passes validateTemplate (keys, zones, links, cards inside zones, no overlaps)', () => {
    expect(validateTemplate(template)).toEqual([])
    expect(template.howToRun.steps.length).toBeGreaterThan(0)
  })

  it('[W31] builds records that every tldraw schema validator and a Store accept', () => {
    const records = buildTemplateRecords(template, { origin: { x: 100, y: -50 } })
    for (const r of records) {
      expect(() => schema.types[r.typeName].validate(r), `${r.id}`).not.toThrow()
    }
    // Control: the validators do look at props (a wrong colour is refused).
    const note = records.find((r) => r.typeName === 'shape' && (r as { type: string }).type === 'note')!
    const broken = { ...note, props: { ...(note as unknown as { props: object }).props, color: 'pink' } }
    expect(() => schema.types.shape.validate(broken)).toThrow()
    const store = createHeadlessStore(schema)
    store.put([...initialBoardRecords(), ...records])
    const shapes = records.filter((r) => r.typeName === 'shape')
    expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(shapes.length)
    // One frame per zone, a note per card, an arrow + two bindings per link, one how-to text.
    const count = (type: string) => shapes.filter((s) => (s as { type: string }).type === type).length
    expect(count('frame')).toBe(template.zones.length)
    expect(count('note')).toBe(template.cards.length)
    expect(count('arrow')).toBe(template.links.length)
    expect(count('text')).toBe(1)
    expect(records.filter((r) => r.typeName === 'binding')).toHaveLength(template.links.length * 2)
  })

  it('[W31] round-trips through the Y.Doc layout unchanged', () => {
    const records = buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 'rt' })
    const doc = new Y.Doc()
    writeRecordsToDoc(doc, records)
    const back = readRecordsFromDoc(doc)
    expect([...back].sort(byId)).toEqual([...records].sort(byId))
  })

  it('[W31] reads back as the template web: typed cards in their own zones, every link bound', () => {
    const web = readWeb(buildTemplateRecords(template, { origin: { x: 0, y: 0 } }))
    expect(web.cards).toHaveLength(template.cards.length)
    expect(web.links).toHaveLength(template.links.length)
    expect(web.dangling).toEqual([])
    expect(web.zones).toHaveLength(template.zones.filter((z) => z.cardType).length)
    const findings = analyzeWeb(web).findings
    expect(findings.filter((f) => f.kind === 'card-in-wrong-zone' || f.kind === 'dangling-link')).toEqual([])
  })

  it('[W32] bounds contain every shape; [W33] thumbnail is a deterministic SVG with a box per zone and card', () => {
    const layout = layoutTemplate(template)
    const { w, h } = templateBounds(template)
    for (const b of [...layout.zones.values(), ...layout.cardBoxes.values(), layout.howTo]) {
      expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h).toBe(true)
    }
    const svg = renderTemplateThumbnailSvg(template)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toBe(renderTemplateThumbnailSvg(template))
    expect(svg.match(/<rect [^>]*rx="(8|6)"/g)).toHaveLength(template.zones.length + template.cards.length)
    expect(svg.match(/<line /g) ?? []).toHaveLength(template.links.length)
  })
})

describe('buildTemplateRecords', () => {
  const t = getTemplate('problem-web')!

  it('[W31] ids are fresh on every insert, deterministic with idSeed', () => {
    const ids = (r: TLRecord[]) => r.map((x) => x.id)
    const a = buildTemplateRecords(t, { origin: { x: 0, y: 0 } })
    const b = buildTemplateRecords(t, { origin: { x: 0, y: 0 } })
    expect(new Set([...ids(a), ...ids(b)]).size).toBe(a.length * 2)
    expect(buildTemplateRecords(t, { origin: { x: 0, y: 0 }, idSeed: 's' })).toEqual(
      buildTemplateRecords(t, { origin: { x: 0, y: 0 }, idSeed: 's' }),
    )
  })

  it('[W31] places the template at origin and stacks it above existing shapes', () => {
    const records = buildTemplateRecords(t, { origin: { x: 1000, y: 2000 }, aboveIndex: 'a5', pageId: 'page:other' })
    const top = records.filter((r) => r.typeName === 'shape' && r.parentId === 'page:other') as Array<{ x: number; y: number; index: string }>
    expect(Math.min(...top.map((s) => s.x))).toBe(1000)
    expect(Math.min(...top.map((s) => s.y))).toBe(2000)
    for (const s of top) expect(s.index > 'a5').toBe(true)
    for (const r of records) if (r.typeName === 'shape' && (r as { type: string }).type === 'frame') expect(r.meta[TEMPLATE_META_KEY]).toBe('problem-web')
  })
})

describe('index keys', () => {
  it('[W31] integer keys above a key, with carry and head change', () => {
    expect(integerKeyAbove(null)).toBe('a1')
    expect(integerKeyAbove('a1')).toBe('a2')
    expect(integerKeyAbove('a1V')).toBe('a2')
    expect(integerKeyAbove('a9')).toBe('aA')
    expect(integerKeyAbove('az')).toBe('b00')
    expect(integerKeyAbove('bzz')).toBe('c000')
    expect(integerKeyAbove('Zz')).toBe('a1')
    const keys = indexKeysAbove('ay', 4)
    expect(keys).toEqual(['az', 'b00', 'b01', 'b02'])
    expect([...keys].sort()).toEqual(keys)
  })
})

describe('[W31] template links are drawn clear of other cards', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s: a link's label sits on no card and no zone's title", (_id, template) => {
    const records = buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 'labels' }) as unknown as Array<{
      id: string
      typeName: string
      type?: string
      x: number
      y: number
      parentId: string
      props: { bend?: number; end?: { x: number; y: number }; w?: number; h?: number }
    }>
    const byId = new Map(records.map((r) => [r.id, r]))
    const pageXY = (id: string): { x: number; y: number } => {
      const s = byId.get(id)!
      const parent = byId.get(s.parentId)
      return parent?.typeName === 'shape' ? { x: s.x + pageXY(parent.id).x, y: s.y + pageXY(parent.id).y } : { x: s.x, y: s.y }
    }
    const boxes = [
      // Notes are 200 × 200; a frame's title is drawn in the 32 units above its top edge.
      ...records.filter((r) => r.type === 'note').map((n) => ({ ...pageXY(n.id), w: 200, h: 200, what: n.id })),
      ...records.filter((r) => r.type === 'frame').map((f) => ({ x: f.x, y: f.y - 32, w: f.props.w!, h: 32, what: `title of ${f.id}` })),
    ]
    for (const a of records.filter((r) => r.typeName === 'shape' && r.type === 'arrow')) {
      // tldraw: the middle of a bent arrow is its chord's middle moved `bend` along the chord's normal.
      const { x: dx, y: dy } = a.props.end!
      const len = Math.hypot(dx, dy)
      const mid = { x: a.x + dx / 2 - (dy / len) * a.props.bend!, y: a.y + dy / 2 + (dx / len) * a.props.bend! }
      for (const b of boxes) {
        const inside = mid.x > b.x - 30 && mid.x < b.x + b.w + 30 && mid.y > b.y - 8 && mid.y < b.y + b.h + 8
        expect(inside, `${a.id}'s label at ${Math.round(mid.x)},${Math.round(mid.y)} is on ${b.what}`).toBe(false)
      }
    }
  })

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s: a straight link never runs through a third card; bent links do not share a bend', (_id, template) => {
    const records = buildTemplateRecords(template, { origin: { x: 0, y: 0 }, idSeed: 'bends' })
    const notes = records.filter((r): r is TLRecord & { type: 'note'; x: number; y: number; parentId: string } => r.typeName === 'shape' && (r as { type?: string }).type === 'note')
    const pageXY = (id: string): { x: number; y: number } => {
      const s = records.find((r) => r.id === id) as unknown as { x: number; y: number; parentId: string }
      const parent = records.find((r) => r.id === s.parentId && r.typeName === 'shape')
      return parent ? { x: s.x + pageXY(parent.id).x, y: s.y + pageXY(parent.id).y } : { x: s.x, y: s.y }
    }
    const arrows = records.filter((r) => r.typeName === 'shape' && (r as { type?: string }).type === 'arrow') as unknown as Array<{
      id: string
      x: number
      y: number
      props: { bend: number; end: { x: number; y: number } }
    }>
    const bindings = records.filter((r) => r.typeName === 'binding') as unknown as Array<{ fromId: string; toId: string }>
    const bends = arrows.map((a) => a.props.bend).filter((b) => b !== 0)
    expect(new Set(bends).size).toBe(bends.length)
    for (const a of arrows) {
      if (a.props.bend !== 0) continue
      const ends = new Set(bindings.filter((b) => b.fromId === a.id).map((b) => b.toId))
      for (const n of notes) {
        if (ends.has(n.id)) continue
        const { x, y } = pageXY(n.id)
        // Sample the straight segment: no point inside another card.
        for (let t = 0; t <= 1; t += 0.02) {
          const px = a.x + a.props.end.x * t
          const py = a.y + a.props.end.y * t
          expect(px > x && px < x + 200 && py > y && py < y + 200, `${a.id} crosses ${n.id}`).toBe(false)
        }
      }
    }
  })
})
