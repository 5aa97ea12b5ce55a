import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { postBoard } from '../fixtures/api.js'
import { expect, test } from '../fixtures/test.js'

/**
 * [W3] A card made while a zone fills the view goes into that zone, where it can be seen: it used to
 * be given the zone as parent but page coordinates, and sat far outside it, clipped by the frame.
 */
test('cards made with the keyboard while a zone is in view land inside that zone, visible, side by side', async ({ actor, baseURL }) => {
  const { id: boardId } = await postBoard(baseURL!, { name: 'e2e card in zone', template: 'problem-web' })
  const a = await actor('Alice')
  await a.openBoard(boardId)
  const zoneId = await a.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    const zone = editor.getCurrentPageShapes().find((s) => s.type === 'frame' && s.meta.overlapZone === 'requirement')!
    editor.select(zone.id)
    return zone.id
  })
  // Zoom to the selected zone (Shift+2), as a facilitator does before a gather round.
  await a.page.keyboard.press('Shift+2')
  const before = new Set((await a.shapes()).map((s) => s.id))
  for (const text of ['Export to CSV', 'Audit log', 'SSO']) {
    await a.page.keyboard.press('Escape')
    await a.page.keyboard.press('c')
    await expect(a.page.getByTestId('card-type-picker')).toBeVisible()
    await a.page.keyboard.press('5')
    await a.typeInEditedShape(text)
    await a.page.keyboard.press('Escape')
  }
  await expect.poll(async () => (await a.shapes()).filter((s) => !before.has(s.id)).length).toBe(3)
  const placed = await a.page.evaluate(
    ({ zoneId, known }) => {
      const editor = (window as OverlapWindow).__overlap!.editor
      const zone = editor.getShapePageBounds(zoneId)!
      return editor
        .getCurrentPageShapes()
        .filter((s) => !known.includes(s.id))
        .map((s) => {
          const b = editor.getShapePageBounds(s.id)!
          return { parent: s.parentId, inside: b.minX >= zone.minX && b.maxX <= zone.maxX && b.minY >= zone.minY && b.maxY <= zone.maxY, x: b.minX, y: b.minY }
        })
    },
    { zoneId, known: [...before] }
  )
  expect(placed.map((p) => [p.parent, p.inside])).toEqual([
    [zoneId, true],
    [zoneId, true],
    [zoneId, true],
  ])
  // Not on top of each other.
  expect(new Set(placed.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBe(3)
})
