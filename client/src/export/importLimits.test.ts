import { describe, expect, it } from 'vitest'
import { makeGeoShape } from '@overlap/shared'
import type { TLRecord } from 'tldraw'
import { changeBytes, importProblem } from './importLimits'

const shapes = (n: number, label = '') =>
  Array.from({ length: n }, (_, i) => makeGeoShape({ id: `shape:s${i}` as never, props: { url: label } }) as TLRecord)

describe('what an import into the open board must fit', () => {
  it('refuses more shapes than the page can still take, saying how many are there', () => {
    const fit = { shapesOnPage: 9_998, maxShapesPerPage: 10_000, maxMessageBytes: 8 * 1024 * 1024 }
    expect(importProblem(shapes(3), fit)).toBe(
      'it has 3 shapes and this page already has 9,998; a page holds at most 10,000. Import it on an empty page, or as a new board.'
    )
    expect(importProblem(shapes(2), fit)).toBeNull()
  })

  it('refuses content whose one change is over the server message limit, before sending it', () => {
    const big = shapes(20, 'x'.repeat(10_000))
    const bytes = changeBytes(big)
    expect(bytes).toBeGreaterThan(200_000)
    const fit = { shapesOnPage: 0, maxShapesPerPage: 10_000 }
    expect(importProblem(big, { ...fit, maxMessageBytes: bytes + 16 })).toBeNull()
    expect(importProblem(big, { ...fit, maxMessageBytes: bytes })).toMatch(/^it makes one change of .*, and the server takes at most .* at once\. Import it as a new board instead\.$/)
  })

  it('counts an inline image as the URL it is stored as, not its data', () => {
    const image = {
      id: 'asset:a',
      typeName: 'asset',
      type: 'image',
      props: { name: 'i.png', src: `data:image/png;base64,${'A'.repeat(1_000_000)}`, w: 1, h: 1, mimeType: 'image/png', isAnimated: false },
      meta: {},
    } as unknown as TLRecord
    expect(changeBytes([image])).toBeLessThan(10_000)
  })
})
