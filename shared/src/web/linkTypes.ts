/**
 * Typed links (shared/SPEC.md "## Web", [W4]). A link is a tldraw `arrow` bound at both ends to cards,
 * with `meta.overlapLink = '<link type>'` and optionally `meta.twoWay = true`. Direction reads
 * "start card <verb> end card": a requirement `serves` a business need, a research finding `evidences`
 * a need, a decision `mitigates` a risk.
 */
export const LINK_TYPES = [
  'serves',
  'constrains',
  'informs',
  'evidences',
  'satisfies',
  'mitigates',
  'depends-on',
  'blocks',
  'alternative-to',
] as const
export type LinkType = (typeof LINK_TYPES)[number]

export const LINK_META_KEY = 'overlapLink'
export const TWO_WAY_META_KEY = 'twoWay'

const LABELS: Record<LinkType, string> = {
  serves: 'serves',
  constrains: 'constrains',
  informs: 'informs',
  evidences: 'evidences',
  satisfies: 'satisfies',
  mitigates: 'mitigates',
  'depends-on': 'depends on',
  blocks: 'blocks',
  'alternative-to': 'alternative to',
}

export function isLinkType(value: unknown): value is LinkType {
  return typeof value === 'string' && (LINK_TYPES as readonly string[]).includes(value)
}

/** The words shown on the arrow (its richText) and used in the brief. */
export function linkLabel(type: LinkType): string {
  return LABELS[type]
}

export function linkTypeOrder(type: LinkType): number {
  return LINK_TYPES.indexOf(type)
}

export interface LinkMeta {
  type: LinkType
  twoWay: boolean
}

/** [W4] Null unless `overlapLink` names a known type; `twoWay` only when exactly `true`. */
export function parseLinkMeta(meta: unknown): LinkMeta | null {
  if (typeof meta !== 'object' || meta === null) return null
  const record = meta as Record<string, unknown>
  const type = record[LINK_META_KEY]
  if (!isLinkType(type)) return null
  return { type, twoWay: record[TWO_WAY_META_KEY] === true }
}

/** The `meta` object for a new link arrow. */
export function linkMeta(type: LinkType, twoWay = false): Record<string, string | boolean> {
  return twoWay ? { [LINK_META_KEY]: type, [TWO_WAY_META_KEY]: true } : { [LINK_META_KEY]: type }
}
