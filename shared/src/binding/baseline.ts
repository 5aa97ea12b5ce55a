/**
 * The baseline of a board ([B15] in shared/SPEC.md): per record type (and shape/binding type) the value
 * a key ABSENT from a record's `Y.Map` stands for. Most props of most shapes equal tldraw's defaults, so
 * storing only what differs cuts a geo shape from ~26 Yjs items to ~7, and a joining client's
 * `Y.applyUpdate` time with it (roughly proportional to the number of items).
 *
 * The table is written ONCE into `doc.getMap('board').get('baseline')` by whoever creates the doc
 * (`writeInitialBoard`, a binding or `writeRecordsToDoc` seeding an EMPTY doc) and is immutable from
 * then on, except that a schema migration may DROP keys a migration removed from records (migrateDoc.ts).
 * A doc without one is read and written with every field explicit. Data below: tldraw 5.4.2
 * `ShapeUtil.getDefaultProps()` / `BindingUtil.getDefaultProps()`, checked by baseline.test.ts (shared
 * source must not import `tldraw`). A different table for new boards must go under a NEW key: two
 * writers seeding one doc concurrently must write the same value, or one table would silently win.
 */

export const BASELINE_KEY = 'baseline'
export const BASELINE_VERSION = 1

export interface BaselineTable {
  version: typeof BASELINE_VERSION
  /**
   * typeName → `fields`: top-level field values (`props: {}` / `meta: {}` mean "has a props/meta object");
   * `props`: record `type` → prop values.
   */
  records: Record<string, { fields?: Record<string, unknown>; props?: Record<string, Record<string, unknown>> }>
}

const emptyRichText = () => ({ type: 'doc', content: [{ type: 'paragraph' }] })

/** The table new boards get (tldraw 5.4.2). A function, so nobody can mutate a shared instance. */
export function defaultBaselineTable(): BaselineTable {
  return {
    version: BASELINE_VERSION,
    records: {
      shape: {
        // `parentId`: the first page of a new board (initialBoardRecords, and what tldraw makes in an
        // empty store): most shapes of most boards sit on it.
        fields: { parentId: 'page:page', rotation: 0, isLocked: false, opacity: 1, props: {}, meta: {} },
        props: {
          geo: {
            w: 100, h: 100, geo: 'rectangle', dash: 'draw', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
            color: 'black', labelColor: 'black', fill: 'none', size: 'm', font: 'draw', align: 'middle',
            verticalAlign: 'middle', richText: emptyRichText(),
          },
          note: {
            color: 'black', richText: emptyRichText(), size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle',
            labelColor: 'black', growY: 0, fontSizeAdjustment: 1, url: '', scale: 1, textLastEditedBy: null,
          },
          text: {
            color: 'black', size: 'm', w: 8, font: 'draw', textAlign: 'start', autoSize: true, scale: 1,
            richText: emptyRichText(),
          },
          arrow: {
            kind: 'arc', elbowMidPoint: 0.5, dash: 'draw', size: 'm', fill: 'none', color: 'black', labelColor: 'black',
            bend: 0, start: { x: 0, y: 0 }, end: { x: 2, y: 0 }, arrowheadStart: 'none', arrowheadEnd: 'arrow',
            richText: emptyRichText(), labelPosition: 0.5, font: 'draw', scale: 1,
          },
          frame: { w: 320, h: 180, name: '', color: 'black' },
          draw: {
            segments: [], color: 'black', fill: 'none', dash: 'draw', size: 'm', isComplete: false, isClosed: false,
            isPen: false, scale: 1, scaleX: 1, scaleY: 1,
          },
          highlight: {
            segments: [], color: 'black', size: 'm', isComplete: false, isPen: false, scale: 1, scaleX: 1, scaleY: 1,
          },
          line: {
            dash: 'draw', size: 'm', color: 'black', spline: 'line', scale: 1,
            points: { a1: { id: 'a1', index: 'a1', x: 0, y: 0 }, a2: { id: 'a2', index: 'a2', x: 0.1, y: 0.1 } },
          },
          bookmark: { url: '', w: 300, h: 320, assetId: null },
          embed: { w: 300, h: 300, url: '' },
          image: {
            w: 100, h: 100, assetId: null, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '',
          },
          video: { w: 100, h: 100, assetId: null, autoplay: true, url: '', altText: '', time: 0, playing: true },
        },
      },
      binding: {
        fields: { props: {}, meta: {} },
        props: {
          arrow: { isPrecise: false, isExact: false, normalizedAnchor: { x: 0.5, y: 0.5 }, snap: 'none' },
        },
      },
      page: { fields: { meta: {} } },
      document: { fields: { meta: {} } },
      asset: { fields: { props: {}, meta: {} } },
    },
  }
}

/**
 * An untrusted table from a doc, checked (a malformed part is ignored, so records relying on it fail
 * validation and are skipped, as any other invalid input). Returns null when there is no usable table.
 */
export function parseBaselineTable(value: unknown): BaselineTable | null {
  if (!isPlainObject(value) || value.version !== BASELINE_VERSION || !isPlainObject(value.records)) return null
  const records: BaselineTable['records'] = {}
  for (const [typeName, entry] of Object.entries(value.records)) {
    if (!isPlainObject(entry)) continue
    const out: BaselineTable['records'][string] = {}
    if (isPlainObject(entry.fields)) out.fields = entry.fields
    if (isPlainObject(entry.props)) {
      out.props = {}
      for (const [type, props] of Object.entries(entry.props)) if (isPlainObject(props)) out.props[type] = props
    }
    records[typeName] = out
  }
  return { version: BASELINE_VERSION, records }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
