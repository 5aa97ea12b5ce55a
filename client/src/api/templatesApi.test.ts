import { describe, expect, it } from 'vitest'
import { listTemplates, parseTemplateList } from './templatesApi'

describe('GET /api/templates parsing', () => {
  it('keeps well-formed entries and drops junk', () => {
    expect(
      parseTemplateList({
        templates: [{ id: 'problem-web', name: 'Problem web', minutes: 55 }, { id: 3, name: 'x' }, null, { id: 'b', name: 'B', minutes: 'soon' }],
      })
    ).toEqual([
      { id: 'problem-web', name: 'Problem web', minutes: 55 },
      { id: 'b', name: 'B', minutes: null },
    ])
    expect(parseTemplateList('<html>')).toEqual([])
    expect(parseTemplateList({ templates: 'no' })).toEqual([])
  })

  it('gives an empty list when the server fails or is unreachable', async () => {
    const failing = (async () => new Response('nope', { status: 500 })) as typeof fetch
    const throwing = (async () => {
      throw new TypeError('offline')
    }) as typeof fetch
    expect(await listTemplates(failing)).toEqual([])
    expect(await listTemplates(throwing)).toEqual([])
  })
})
