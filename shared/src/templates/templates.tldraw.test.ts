/**
 * The same template records in a store made by `tldraw` itself (its default shape and binding utils),
 * as the browser builds it: nothing is refused, nothing is "fixed" on load.
 */
import { describe, expect, it } from 'vitest'
import { createTLStore, defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { initialBoardRecords } from '../binding/docRecords.js'
import { buildTemplateRecords } from './buildTemplateRecords.js'
import { TEMPLATES } from './catalogue.js'

describe('[W31] templates in a tldraw store', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s loads into createTLStore unchanged', (_id, template) => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
    const records = [...initialBoardRecords(), ...buildTemplateRecords(template, { origin: { x: 0, y: 0 } })]
    store.put(records)
    store.ensureStoreIsUsable()
    for (const r of records) expect(store.get(r.id as never)).toEqual(r)
  })
})
