/**
 * Typed cards (shared/SPEC.md "## Web", [W1]–[W3]). A card is a plain tldraw `note` shape whose `meta`
 * carries `overlapCard: '<card type id>'` plus one FLAT key per field. Flat keys matter: the binding
 * merges `meta` one level deep, so two people editing `why` and `alternatives` of one decision at the
 * same time both keep their edit. No custom shape: every tldraw client and the server schema stay
 * compatible, and a board without Overlap's UI still shows the cards as sticky notes.
 */
import type { TLDefaultColorStyle } from '@tldraw/tlschema'

export const LEVELS = ['low', 'medium', 'high'] as const
export type Level = (typeof LEVELS)[number]
export const PRIORITIES = ['must', 'should', 'could'] as const
export type Priority = (typeof PRIORITIES)[number]

export type CardFieldDef =
  | { key: string; label: string; kind: 'text' }
  | { key: string; label: string; kind: 'enum'; options: readonly string[] }

/** Field values per card type. Enum fields are `''` when unset (or when the stored value is invalid). */
export interface CardFieldsByType {
  'business-need': Record<string, never>
  constraint: Record<string, never>
  'research-finding': { source: string; confidence: Level | '' }
  'architecture-option': Record<string, never>
  requirement: { priority: Priority | '' }
  risk: { likelihood: Level | ''; impact: Level | '' }
  decision: { why: string; alternatives: string }
  metric: { baseline: string; target: string }
  question: Record<string, never>
}
export type CardType = keyof CardFieldsByType

export interface CardTypeDef {
  id: CardType
  label: string
  /** Plural heading used by the brief. */
  plural: string
  /** Badge and default note colour (one of tldraw's note colours). */
  color: TLDefaultColorStyle
  /** Short reference prefix in the brief (`R1` = first requirement). */
  refPrefix: string
  fields: readonly CardFieldDef[]
}

const level = (key: string, label: string): CardFieldDef => ({ key, label, kind: 'enum', options: LEVELS })

/** In the order the brief and the counts list them. */
export const CARD_TYPES: readonly CardTypeDef[] = [
  { id: 'business-need', label: 'Business need', plural: 'Business needs', color: 'yellow', refPrefix: 'N', fields: [] },
  { id: 'constraint', label: 'Constraint', plural: 'Constraints', color: 'red', refPrefix: 'C', fields: [] },
  {
    id: 'research-finding',
    label: 'Research finding',
    plural: 'Research findings',
    color: 'light-blue',
    refPrefix: 'F',
    fields: [{ key: 'source', label: 'Source', kind: 'text' }, level('confidence', 'Confidence')],
  },
  {
    id: 'architecture-option',
    label: 'Architecture option',
    plural: 'Architecture options',
    color: 'violet',
    refPrefix: 'A',
    fields: [],
  },
  {
    id: 'requirement',
    label: 'Requirement',
    plural: 'Requirements',
    color: 'green',
    refPrefix: 'R',
    fields: [{ key: 'priority', label: 'Priority', kind: 'enum', options: PRIORITIES }],
  },
  {
    id: 'risk',
    label: 'Risk',
    plural: 'Risks',
    color: 'orange',
    refPrefix: 'K',
    fields: [level('likelihood', 'Likelihood'), level('impact', 'Impact')],
  },
  {
    id: 'decision',
    label: 'Decision',
    plural: 'Decisions',
    color: 'blue',
    refPrefix: 'D',
    fields: [
      { key: 'why', label: 'Why', kind: 'text' },
      { key: 'alternatives', label: 'Alternatives considered', kind: 'text' },
    ],
  },
  {
    id: 'metric',
    label: 'Metric',
    plural: 'Metrics',
    color: 'light-green',
    refPrefix: 'M',
    fields: [
      { key: 'baseline', label: 'Baseline', kind: 'text' },
      { key: 'target', label: 'Target', kind: 'text' },
    ],
  },
  { id: 'question', label: 'Question', plural: 'Questions', color: 'light-violet', refPrefix: 'Q', fields: [] },
]

/** The `meta` key naming a note's card type. */
export const CARD_META_KEY = 'overlapCard'
/**
 * The `meta` key a template's prompt card carries: the prompt as the template wrote it. While the
 * card's text is still that prompt, nobody has answered it, and the brief leaves it out ([W24]).
 */
export const PROMPT_META_KEY = 'overlapPrompt'

/** [W24] A template's prompt card whose text (whitespace aside, an editor may re-wrap it) is still its prompt. */
export function isUnansweredPrompt(meta: unknown, text: string): boolean {
  const prompt = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)[PROMPT_META_KEY] : undefined
  const squash = (t: string) => t.replace(/\s+/g, ' ').trim()
  return typeof prompt === 'string' && squash(prompt) === squash(text)
}

const BY_ID: ReadonlyMap<string, CardTypeDef> = new Map(CARD_TYPES.map((t) => [t.id, t]))

export function isCardType(value: unknown): value is CardType {
  return typeof value === 'string' && BY_ID.has(value)
}

export function cardTypeDef(type: CardType): CardTypeDef {
  const def = BY_ID.get(type)
  if (!def) throw new Error(`unknown card type ${type}`)
  return def
}

/** Position of a type in `CARD_TYPES` (the brief's and the sort's order). */
export function cardTypeOrder(type: CardType): number {
  return CARD_TYPES.findIndex((t) => t.id === type)
}

export function cardFieldsFor(type: CardType): readonly CardFieldDef[] {
  return cardTypeDef(type).fields
}

/** A card's type and fields, discriminated by `type`. */
export type CardMeta = { [T in CardType]: { type: T; fields: CardFieldsByType[T] } }[CardType]

/**
 * [W2] Reads a shape's `meta` (untrusted: it came through the doc). Null unless `overlapCard` names a
 * known type. Each field of that type is read from its own key: a string is kept (enum fields only when
 * it is one of the options), anything else reads as `''`. Keys of other types are ignored but not
 * removed, so switching a card's type back and forth loses nothing.
 */
export function parseCardMeta(meta: unknown): CardMeta | null {
  if (typeof meta !== 'object' || meta === null) return null
  const record = meta as Record<string, unknown>
  const type = record[CARD_META_KEY]
  if (!isCardType(type)) return null
  const fields: Record<string, string> = {}
  for (const field of cardFieldsFor(type)) {
    const value = record[field.key]
    if (typeof value !== 'string') fields[field.key] = ''
    else if (field.kind === 'enum' && !field.options.includes(value)) fields[field.key] = ''
    else fields[field.key] = value
  }
  return { type, fields } as CardMeta
}

/** The `meta` object for a new card of `type` (every field present, `''` unless given). */
export function cardMeta(type: CardType, fields: Partial<Record<string, string>> = {}): Record<string, string> {
  const meta: Record<string, string> = { [CARD_META_KEY]: type }
  for (const field of cardFieldsFor(type)) meta[field.key] = fields[field.key] ?? ''
  return meta
}
