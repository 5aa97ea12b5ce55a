/**
 * Valid tldraw 5.4.2 records for benchmark boards, built with `@tldraw/tlschema` only (importing
 * `tldraw` would keep a plain Node process alive). Every record is checked by the schema's validator,
 * so a board that loads here would load in the app.
 */
import {
  createShapeId,
  createTLSchema,
  DocumentRecordType,
  TLDOCUMENT_ID,
  PageRecordType,
  toRichText,
  type TLGeoShape,
  type TLPageId,
  type TLRecord,
} from '@tldraw/tlschema'

type IndexKey = TLGeoShape['index']

export const DEFAULT_PAGE_ID = 'page:page' as TLPageId

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * Fractional-index key number `i` (ascending): 'c' + three base-62 digits is a valid integer key
 * (no fraction), enough for 238,328 shapes.
 */
export function indexKey(i: number): IndexKey {
  let s = ''
  let n = i
  for (let k = 0; k < 3; k++) {
    s = BASE62[n % 62] + s
    n = Math.floor(n / 62)
  }
  return `c${s}` as IndexKey
}

export interface GeoShapeOptions {
  pageId?: TLPageId
  /** Shapes per grid row. */
  columns?: number
  /** Grid pitch in page units. */
  pitch?: number
  size?: number
}

/** `n` rectangles in a grid, ids `shape:bench-<i>`, each with a short label. */
export function makeGeoShapes(n: number, opts: GeoShapeOptions = {}): TLGeoShape[] {
  const { pageId = DEFAULT_PAGE_ID, columns = 100, pitch = 120, size = 100 } = opts
  const shapes: TLGeoShape[] = []
  for (let i = 0; i < n; i++) {
    shapes.push({
      id: createShapeId(`bench-${i}`),
      typeName: 'shape',
      type: 'geo',
      x: (i % columns) * pitch,
      y: Math.floor(i / columns) * pitch,
      rotation: 0,
      index: indexKey(i),
      parentId: pageId,
      isLocked: false,
      opacity: 1,
      meta: {},
      props: {
        geo: 'rectangle',
        dash: 'draw',
        url: '',
        w: size,
        h: size,
        growY: 0,
        scale: 1,
        flipX: false,
        flipY: false,
        labelColor: 'black',
        color: i % 2 === 0 ? 'blue' : 'red',
        fill: 'semi',
        size: 'm',
        font: 'draw',
        align: 'middle',
        verticalAlign: 'middle',
        richText: toRichText(`#${i}`),
      },
    })
  }
  return shapes
}

/** The document and page records a fresh board has. */
export function makeDocumentAndPage(pageId: TLPageId = DEFAULT_PAGE_ID): TLRecord[] {
  return [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: pageId, name: 'Page 1', index: 'a1' as IndexKey }),
  ]
}

/** Throws on the first invalid record: a benchmark on invalid data measures nothing useful. */
export function validateRecords(records: readonly TLRecord[]): void {
  const schema = createTLSchema()
  for (const r of records) {
    const type = schema.types[r.typeName as keyof typeof schema.types]
    type.validate(r)
  }
}
