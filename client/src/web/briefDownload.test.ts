import { PROMPT_META_KEY, buildTemplateRecords, getTemplate, type EndedVote } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import type { Editor } from 'tldraw'
import { briefFileName, briefFor } from './briefDownload'

describe('brief download', () => {
  it('names the file after the board, safely', () => {
    expect(briefFileName('Checkout revamp', 'md')).toBe('checkout-revamp-brief.md')
    expect(briefFileName('Café / Q3 ✨ plan', 'json')).toBe('cafe-q3-plan-brief.json')
    expect(briefFileName('***', 'md')).toBe('board-brief.md')
  })

  it('builds the brief from every record in the store (same function and input as the server)', () => {
    // The template's prompts, each answered (no longer its prompt text), so the brief lists them [W24].
    const records = buildTemplateRecords(getTemplate('problem-web')!, { origin: { x: 0, y: 0 }, idSeed: 't' }).map((r) =>
      r.typeName === 'shape' && r.type === 'note' ? { ...r, meta: { ...r.meta, [PROMPT_META_KEY]: 'the prompt, since typed over' } } : r
    )
    const editor = { store: { allRecords: () => records }, isShapeHidden: () => false } as unknown as Editor
    const brief = briefFor(editor, 'Board', new Date('2026-01-01T00:00:00Z'))
    expect(brief.json.cards).toHaveLength(5)
    expect(brief.json.links).toHaveLength(10)
    expect(brief.json.generatedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(brief.markdown.startsWith('# Board')).toBe(true)
    expect(brief.json.votes).toBeUndefined()
  })

  it('[WS7] includes the ended votes it is given, like the server does', () => {
    const records = buildTemplateRecords(getTemplate('problem-web')!, { origin: { x: 0, y: 0 }, idSeed: 't' })
    const editor = { store: { allRecords: () => records }, isShapeHidden: () => false } as unknown as Editor
    const card = records.find((r) => r.typeName === 'shape' && r.type === 'note')!
    const none = { product: 0, engineering: 0, design: 0, other: 0, unknown: 0 }
    const vote: EndedVote = {
      id: 'v1',
      status: 'ended',
      scopeLabel: 'All cards',
      cardIds: [card.id],
      config: { votesPerPerson: 3, onePerCard: false, anonymous: true },
      startedAt: 0,
      endedAt: 1,
      results: [{ cardId: card.id, title: 'x', total: 2, bySide: { ...none, product: 2 } }],
      votersBySide: { ...none, product: 1 },
    }
    const brief = briefFor(editor, 'Board', new Date('2026-01-01T00:00:00Z'), [vote])
    expect(brief.json.votes).toHaveLength(1)
    expect(brief.markdown).toContain('## Votes')
  })
})
