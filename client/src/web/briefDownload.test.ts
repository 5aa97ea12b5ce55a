import { buildTemplateRecords, getTemplate } from '@overlap/shared'
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
    const records = buildTemplateRecords(getTemplate('problem-web')!, { origin: { x: 0, y: 0 }, idSeed: 't' })
    const editor = { store: { allRecords: () => records }, isShapeHidden: () => false } as unknown as Editor
    const brief = briefFor(editor, 'Board', new Date('2026-01-01T00:00:00Z'))
    expect(brief.json.cards).toHaveLength(5)
    expect(brief.json.links).toHaveLength(10)
    expect(brief.json.generatedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(brief.markdown.startsWith('# Board')).toBe(true)
  })
})
