import { DRAFT_META_KEY, WorkshopKey, getWorkshopMap } from '@overlap/shared'
import { describe, expect, it } from 'vitest'
import { computed, type TLShape } from 'tldraw'
import * as Y from 'yjs'
import { createDraftVisibility } from './draftVisibility'

const shape = (meta: Record<string, unknown>) => ({ id: 'shape:a', meta }) as unknown as TLShape
const draft = shape({ [DRAFT_META_KEY]: { round: 'r1', author: 'pat' } })

describe('draft visibility', () => {
  it('[WS8] hides another author’s draft until its round is revealed in the doc, and tells reactive readers', () => {
    const doc = new Y.Doc()
    const vis = createDraftVisibility()
    // Before connecting nobody is known: every draft is hidden (the safe side).
    expect(vis.getShapeVisibility(draft)).toBe('hidden')
    const disconnect = vis.connect(doc, 'fay')
    // tldraw evaluates the callback inside a computed per shape; this one stands in for it.
    const forFay = computed('fay sees', () => vis.getShapeVisibility(draft))
    expect(forFay.get()).toBe('hidden')
    expect(vis.getShapeVisibility(shape({}))).toBe('inherit')

    getWorkshopMap(doc).set(WorkshopKey.RevealedRounds, ['r1'])
    expect(forFay.get()).toBe('inherit')

    disconnect()
    getWorkshopMap(doc).set(WorkshopKey.RevealedRounds, [])
    expect(forFay.get()).toBe('inherit')
  })

  it('[WS8] the author always sees their own draft', () => {
    const vis = createDraftVisibility()
    vis.connect(new Y.Doc(), 'pat')
    expect(vis.getShapeVisibility(draft)).toBe('inherit')
  })
})
