import { describe, expect, it } from 'vitest'
import { toRichText } from '@tldraw/tlschema'
import { CARD_TYPES, cardFieldsFor, cardMeta, parseCardMeta } from './cardTypes.js'
import { LINK_TYPES, linkLabel, parseLinkMeta } from './linkTypes.js'
import { richTextToPlain } from './richText.js'

const NOTE_COLORS = ['yellow', 'blue', 'green', 'violet', 'red', 'orange', 'light-blue', 'light-green', 'light-violet', 'light-red', 'grey', 'black', 'white']

describe('card types', () => {
  it('[W1] nine types, kebab-case ids, note colours, unique ref prefixes', () => {
    expect(CARD_TYPES.map((t) => t.id)).toEqual([
      'business-need',
      'constraint',
      'research-finding',
      'architecture-option',
      'requirement',
      'risk',
      'decision',
      'metric',
      'question',
    ])
    for (const t of CARD_TYPES) {
      expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(NOTE_COLORS).toContain(t.color)
    }
    expect(new Set(CARD_TYPES.map((t) => t.refPrefix)).size).toBe(CARD_TYPES.length)
    expect(cardFieldsFor('risk').map((f) => f.key)).toEqual(['likelihood', 'impact'])
    expect(cardFieldsFor('decision').map((f) => f.key)).toEqual(['why', 'alternatives'])
    expect(cardFieldsFor('question')).toEqual([])
  })

  it('[W2] parseCardMeta: unknown or missing type is null; fields are flat keys, invalid values read as empty', () => {
    expect(parseCardMeta({})).toBeNull()
    expect(parseCardMeta(null)).toBeNull()
    expect(parseCardMeta({ overlapCard: 'idea' })).toBeNull()
    expect(parseCardMeta({ overlapCard: 'research-finding', source: 'interviews', confidence: 'high' })).toEqual({
      type: 'research-finding',
      fields: { source: 'interviews', confidence: 'high' },
    })
    expect(parseCardMeta({ overlapCard: 'risk', likelihood: 'very', impact: 3, why: 'kept but ignored' })).toEqual({
      type: 'risk',
      fields: { likelihood: '', impact: '' },
    })
    expect(parseCardMeta({ overlapCard: 'requirement', priority: 'could' })).toEqual({ type: 'requirement', fields: { priority: 'could' } })
  })

  it('[W3] cardMeta writes every field of the type as its own key', () => {
    expect(cardMeta('decision', { why: 'cheap' })).toEqual({ overlapCard: 'decision', why: 'cheap', alternatives: '' })
    expect(parseCardMeta(cardMeta('metric', { baseline: '3%', target: '5%' }))).toEqual({
      type: 'metric',
      fields: { baseline: '3%', target: '5%' },
    })
  })
})

describe('link types', () => {
  it('[W4] nine link types, labels, parseLinkMeta', () => {
    expect(LINK_TYPES).toHaveLength(9)
    expect(linkLabel('depends-on')).toBe('depends on')
    expect(linkLabel('alternative-to')).toBe('alternative to')
    expect(parseLinkMeta({ overlapLink: 'serves' })).toEqual({ type: 'serves', twoWay: false })
    expect(parseLinkMeta({ overlapLink: 'serves', twoWay: true })).toEqual({ type: 'serves', twoWay: true })
    expect(parseLinkMeta({ overlapLink: 'serves', twoWay: 'yes' })).toEqual({ type: 'serves', twoWay: false })
    expect(parseLinkMeta({ overlapLink: 'loves' })).toBeNull()
    expect(parseLinkMeta(undefined)).toBeNull()
  })
})

describe('richTextToPlain', () => {
  it('[W5] paragraphs become lines, hard breaks newlines, marks ignored, lists flattened', () => {
    expect(richTextToPlain(toRichText('Hello\nWorld'))).toBe('Hello\nWorld')
    expect(richTextToPlain(toRichText(''))).toBe('')
    expect(
      richTextToPlain({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and' }, { type: 'hardBreak' }, { type: 'text', text: 'more' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }] },
        ],
      }),
    ).toBe('bold and\nmore\nitem')
    expect(richTextToPlain('not rich text')).toBe('')
    expect(richTextToPlain({ type: 'doc', content: 'nope' })).toBe('')
  })
})
