import { expect, test } from '../fixtures/test.js'

test("Tab onto Overlap's own buttons shows a focus ring", async ({ board, actor }) => {
  const a = await actor('Ana')
  await a.openBoard(board.id)
  const outlines: Record<string, string> = {}
  for (let i = 0; i < 80 && Object.keys(outlines).length < 2; i++) {
    await a.page.keyboard.press('Tab')
    const focused = await a.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      const id = el?.getAttribute('data-testid')
      if (id !== 'templates-button' && id !== 'lens-button') return null
      const style = getComputedStyle(el!)
      return { id, outline: `${style.outlineStyle} ${style.outlineWidth}` }
    })
    if (focused) outlines[focused.id] = focused.outline
  }
  expect(outlines).toEqual({ 'templates-button': 'solid 2px', 'lens-button': 'solid 2px' })
})
