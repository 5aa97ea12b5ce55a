/**
 * Record factories for tests, fuzzing and benchmarks: complete, valid records of the default tldraw
 * shapes built from `@tldraw/tlschema` alone (no editor needed to get default props).
 */
import {
  createBindingId,
  createShapeId,
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLFrameShape,
  type TLGeoShape,
  type TLPageId,
  type TLParentId,
  type TLShapeId,
} from '@tldraw/tlschema'

export const FIRST_PAGE_ID = 'page:page' as TLPageId

type Base = { id?: TLShapeId; parentId?: TLParentId; index?: string; x?: number; y?: number }

function base(opts: Base) {
  return {
    id: opts.id ?? createShapeId(),
    typeName: 'shape' as const,
    parentId: opts.parentId ?? FIRST_PAGE_ID,
    index: (opts.index ?? 'a1') as TLGeoShape['index'],
    x: opts.x ?? 0,
    y: opts.y ?? 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
  }
}

export function makeGeoShape(opts: Base & { props?: Partial<TLGeoShape['props']> } = {}): TLGeoShape {
  return {
    ...base(opts),
    type: 'geo',
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 100,
      h: 100,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: toRichText(''),
      ...opts.props,
    },
  } as TLGeoShape
}

export function makeFrameShape(opts: Base & { props?: Partial<TLFrameShape['props']> } = {}): TLFrameShape {
  return {
    ...base(opts),
    type: 'frame',
    props: { w: 400, h: 300, name: '', color: 'black', ...opts.props },
  } as TLFrameShape
}

export function makeArrowShape(opts: Base & { props?: Partial<TLArrowShape['props']> } = {}): TLArrowShape {
  return {
    ...base(opts),
    type: 'arrow',
    props: {
      kind: 'arc',
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      font: 'draw',
      start: { x: 0, y: 0 },
      end: { x: 100, y: 100 },
      bend: 0,
      richText: toRichText(''),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
      ...opts.props,
    },
  } as TLArrowShape
}

export function makeArrowBinding(
  arrowId: TLShapeId,
  targetId: TLShapeId,
  terminal: 'start' | 'end',
  id = createBindingId(),
): TLArrowBinding {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId: targetId,
    props: {
      terminal,
      normalizedAnchor: { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: false,
      snap: 'none',
    },
    meta: {},
  } as TLArrowBinding
}
