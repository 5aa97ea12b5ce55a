/**
 * Issue 3, the web: A inserts the Problem web through the gallery, B sees it all; A's unlinked
 * requirement is flagged in both lenses; B links it to the need (link type chosen in the UI), the flag
 * clears for both; A's downloaded brief lists the requirement under that need and equals the server's.
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { Actor } from '../fixtures/actor.js'
import { expect, test } from '../fixtures/test.js'
import { boardFetch } from '../fixtures/api.js'

interface WebShape {
  id: string
  type: string
  meta: Record<string, unknown>
  text: string
}
interface WebEditor {
  getCurrentPageShapes(): Array<{ id: string; type: string; meta: Record<string, unknown>; props: Record<string, unknown> }>
  getShapePageBounds(id: string): { x: number; y: number; w: number; h: number; center: { x: number; y: number } } | undefined
  getBindingsFromShape(id: string, type: string): Array<{ toId: string; props: { terminal: string } }>
  createShape(shape: Record<string, unknown>): unknown
  createBindings(bindings: Array<Record<string, unknown>>): unknown
  select(...ids: string[]): unknown
  focus(): unknown
}
type WebWindow = Window & { __overlap?: { editor: WebEditor } }

/** Cards, zones and typed links on an actor's page, with arrows' bound ends. */
async function readBoard(page: Page) {
  return page.evaluate(() => {
    const editor = (window as WebWindow).__overlap!.editor
    const plain = (node: unknown): string => {
      if (node === null || typeof node !== 'object') return ''
      const n = node as { text?: unknown; content?: unknown }
      return (typeof n.text === 'string' ? n.text : '') + (Array.isArray(n.content) ? n.content.map(plain).join('') : '')
    }
    const shapes: WebShape[] = editor.getCurrentPageShapes().map((s) => ({ id: s.id, type: s.type, meta: s.meta, text: plain(s.props.richText) }))
    const links = shapes
      .filter((s) => s.type === 'arrow' && typeof s.meta.overlapLink === 'string')
      .map((s) => {
        const ends = editor.getBindingsFromShape(s.id, 'arrow')
        return {
          id: s.id,
          type: s.meta.overlapLink as string,
          from: ends.find((b) => b.props.terminal === 'start')?.toId ?? null,
          to: ends.find((b) => b.props.terminal === 'end')?.toId ?? null,
        }
      })
      .sort((a, b) => a.id.localeCompare(b.id))
    return {
      zones: shapes.filter((s) => s.type === 'frame' && typeof s.meta.overlapZone === 'string').map((s) => `${s.id}:${String(s.meta.overlapZone)}`).sort(),
      cards: shapes.filter((s) => s.type === 'note' && typeof s.meta.overlapCard === 'string'),
      links,
    }
  })
}

const finding = (actor: Actor, id: string) => actor.page.locator(`[data-testid="lens-finding"][data-finding-id="${id}"]`)

test('web: gallery insert, lens flags an unlinked requirement, a typed link clears it, the brief lists it', async ({ board, actor, baseURL }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])

  // A inserts the Problem web through the gallery: search, preview, insert.
  await a.page.getByTestId('templates-button').click()
  await expect(a.page.getByTestId('template-gallery')).toBeVisible()
  await a.page.getByTestId('template-search').fill('problem web')
  await a.page.getByTestId('template-item-problem-web').click()
  await expect(a.page.getByTestId('template-preview')).toHaveAttribute('data-template-id', 'problem-web')
  await expect(a.page.getByTestId('template-preview')).toContainText('How to run')
  await a.page.getByTestId('template-insert').click()
  await expect(a.page.getByTestId('template-gallery')).toHaveCount(0)

  await expect.poll(async () => (await readBoard(a.page)).links.length, { message: 'A: ten links' }).toBe(10)
  const onA = await readBoard(a.page)
  expect(onA.zones).toHaveLength(5)
  expect(onA.cards).toHaveLength(5)
  expect(onA.links.every((l) => l.from !== null && l.to !== null)).toBe(true)
  await a.waitSynced()
  await expect.poll(async () => readBoard(b.page), { message: 'B sees every zone, card and link' }).toEqual(onA)
  // Badges render on B's page for every card.
  await expect(b.page.getByTestId('card-badge')).toHaveCount(5)

  // Both open the lens: the template as built has nothing to flag.
  for (const x of [a, b]) {
    await x.page.getByTestId('lens-button').click()
    await expect(x.page.getByTestId('lens-panel')).toBeVisible()
    await expect(x.page.getByTestId('lens-card-count-requirement')).toHaveText('1')
    await expect(x.page.getByTestId('lens-finding-count')).toHaveText('0')
  }

  // A adds a requirement from the keyboard: C opens the type picker, 5 = requirement, then type.
  // (Focus the canvas first, clear of the lens panel on the left.)
  const spot = await a.canvasPoint(0.95, 0.05)
  await a.page.mouse.click(spot.x, spot.y)
  await a.page.keyboard.press('Escape')
  await a.page.keyboard.press('c')
  await expect(a.page.getByTestId('card-type-picker')).toBeVisible()
  await a.page.keyboard.press('5')
  await expect(a.page.getByTestId('card-type-picker')).toHaveCount(0)
  await a.typeInEditedShape('Export to CSV')
  await a.page.keyboard.press('Escape')
  let requirementId = ''
  await expect
    .poll(async () => {
      const card = (await readBoard(a.page)).cards.find((c) => c.text === 'Export to CSV')
      requirementId = card?.id ?? ''
      return card?.meta.overlapCard
    })
    .toBe('requirement')
  await a.waitSynced()

  const flag = `requirement-without-need:${requirementId}`
  for (const x of [a, b]) {
    await expect(finding(x, flag), `${x.name}'s lens flags the unlinked requirement`).toHaveCount(1)
    await expect(x.page.getByTestId('lens-card-count-requirement')).toHaveText('2')
  }

  // B links it to the need: the arrow (bound at both ends) through the editor API...
  const needId = (await readBoard(b.page)).cards.find((c) => c.meta.overlapCard === 'business-need')!.id
  await expect.poll(async () => (await readBoard(b.page)).cards.some((c) => c.id === requirementId)).toBe(true)
  const arrowId = await b.page.evaluate(
    ({ from, to }) => {
      const editor = (window as WebWindow).__overlap!.editor
      const p = editor.getShapePageBounds(from)!.center
      const q = editor.getShapePageBounds(to)!.center
      const id = 'shape:e2e-serves'
      editor.createShape({ id, type: 'arrow', x: p.x, y: p.y, props: { start: { x: 0, y: 0 }, end: { x: q.x - p.x, y: q.y - p.y } } })
      const anchor = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false }
      editor.createBindings([
        { type: 'arrow', fromId: id, toId: from, props: { terminal: 'start', ...anchor } },
        { type: 'arrow', fromId: id, toId: to, props: { terminal: 'end', ...anchor } },
      ])
      editor.select(id)
      return id
    },
    { from: requirementId, to: needId }
  )
  // ...and the link type through the link menu above the selected arrow.
  const linkType = b.page.getByTestId('link-type-select')
  await expect(linkType).toBeVisible()
  await linkType.selectOption('serves')
  await expect.poll(async () => (await readBoard(b.page)).links.find((l) => l.id === arrowId)).toEqual({ id: arrowId, type: 'serves', from: requirementId, to: needId })
  await b.waitSynced()

  for (const x of [a, b]) {
    await expect(finding(x, flag), `${x.name}'s flag clears`).toHaveCount(0)
    await expect(x.page.getByTestId('lens-finding-count')).toHaveText('0')
    await expect(x.page.getByTestId('lens-link-count-serves')).toHaveText('3')
  }

  // A answers the need's prompt: Enter on the selected card opens its text, typing replaces it.
  // Prompts nobody answered are not content: the brief leaves them out ([W24]).
  await a.page.evaluate((id) => {
    const editor = (window as WebWindow).__overlap!.editor
    editor.focus()
    editor.select(id)
  }, needId)
  await a.page.keyboard.press('Enter')
  await a.page.keyboard.press('Control+a')
  await a.typeInEditedShape('Customers can take their data elsewhere')
  await a.page.keyboard.press('Escape')
  await expect.poll(async () => (await readBoard(a.page)).cards.find((c) => c.id === needId)?.text).toBe('Customers can take their data elsewhere')
  await a.waitSynced()

  // A downloads the brief: the requirement is listed under the need it serves.
  await a.page.getByTestId('brief-button').click()
  const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByTestId('brief-download-md').click()])
  expect(download.suggestedFilename()).toMatch(/-brief\.md$/)
  const markdown = await readFile((await download.path())!, 'utf8')
  const needs = markdown.split('## Business needs')[1]?.split('\n## ')[0] ?? ''
  expect(needs).toMatch(/- \*\*N1\*\* Customers can take their data elsewhere/)
  expect(markdown).toContain('_4 template prompts nobody has answered yet are left out, with their links._')
  expect(markdown).not.toContain('What outcome does the business need')
  expect(needs).toMatch(/ {2}- served by \*\*R\d\*\* Export to CSV/)

  // Same function as the server's GET …/brief.md: equal apart from the generation time.
  const res = await boardFetch(baseURL!, board.id, '/brief.md')
  expect(res.status).toBe(200)
  const withoutTime = (md: string) => md.replace(/^_Generated .*_$/m, '')
  expect(withoutTime(markdown)).toBe(withoutTime(await res.text()))
})
