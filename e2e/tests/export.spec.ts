/**
 * Export through the UI: PNG, SVG and PDF downloads of a Problem-web board are really what they
 * claim (PNG signature + IHDR size, SVG parses, PDF has one page per top-level frame); a refused
 * .tldr import shows the server's reason and creates nothing.
 */
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expectMenuDismisses } from '../fixtures/menus.js'
import { expect, test } from '../fixtures/test.js'
import { postBoard } from '../fixtures/api.js'

type EditorWindow = Window & {
  __overlap?: { editor: { getCurrentPageShapes(): Array<{ type: string; parentId: string }> } }
}

async function createTemplateBoard(baseURL: string, name: string): Promise<string> {
  return (await postBoard(baseURL, { name, template: 'problem-web' })).id
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  if (!(await page.getByTestId('export-menu').isVisible())) await page.getByTestId('export-button').click()
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  const path = await dl.path()
  return { name: dl.suggestedFilename(), bytes: await readFile(path) }
}

test('export: PNG, SVG and a PDF with one page per frame', async ({ actor, baseURL }) => {
  const boardId = await createTemplateBoard(baseURL!, 'e2e export')
  const a = await actor('Alice')
  await a.openBoard(boardId)
  const frames = await a.page.evaluate(
    () => (window as EditorWindow).__overlap!.editor.getCurrentPageShapes().filter((s) => s.type === 'frame' && s.parentId.startsWith('page:')).length
  )
  expect(frames).toBeGreaterThan(1)

  const png = await download(a.page, 'export-png-page')
  expect(png.name).toMatch(/\.png$/)
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR')
  expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(0)
  expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(0)

  const svg = await download(a.page, 'export-svg-page')
  expect(svg.name).toMatch(/\.svg$/)
  const svgText = svg.bytes.toString('utf8')
  expect(svgText).toContain('<svg')
  const parsed = await a.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    return { root: doc.documentElement.nodeName, error: doc.getElementsByTagName('parsererror').length }
  }, svgText)
  expect(parsed).toEqual({ root: 'svg', error: 0 })

  // The menu closes like any menu: Escape, or a press outside it (here on the canvas).
  await expectMenuDismisses(a.page, { button: 'export-button', menu: 'export-menu' })

  // The PDF button names its page count (one per top-level frame) before anything runs.
  await a.page.getByTestId('export-button').click()
  await expect(a.page.getByTestId('export-pdf')).toContainText(`${frames} pages`)
  const pdf = await download(a.page, 'export-pdf')
  expect(pdf.name).toMatch(/\.pdf$/)
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const pdfText = pdf.bytes.toString('latin1')
  // Page objects are `/Type /Page`; the page tree is `/Type /Pages` (excluded by the lookahead).
  expect(pdfText.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length).toBe(frames)
  expect(pdfText).toMatch(new RegExp(`/Type\\s*/Pages[^>]*?/Count ${frames}\\b`))
  // Every page has a real size (MediaBox of positive width and height) and an embedded image.
  const boxes = [...pdfText.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)]
  expect(boxes).toHaveLength(frames)
  for (const b of boxes) {
    expect(Number(b[3]) - Number(b[1])).toBeGreaterThan(10)
    expect(Number(b[4]) - Number(b[2])).toBeGreaterThan(10)
  }
  expect(pdfText.match(/\/Subtype\s*\/Image/g)?.length).toBe(frames)
  await expect(a.page.getByTestId('export-progress')).toHaveCount(0)
})

test('import: a foreign file shows the server reason and leaves the board as it is; a .tldr export round-trips into a new board', async ({ actor, baseURL }) => {
  const boardId = await createTemplateBoard(baseURL!, 'e2e import')
  const a = await actor('Alice')
  await a.openBoard(boardId)
  const before = (await a.shapes()).length

  await a.page.getByTestId('export-button').click()
  await a.page.getByTestId('import-tldr-input').setInputFiles({ name: 'notes.tldr', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') })
  await expect(a.page.getByTestId('import-error')).toContainText('not_tldr')
  expect(new URL(a.page.url()).pathname).toBe(`/b/${boardId}`)

  const tldr = await download(a.page, 'export-tldr')
  expect(tldr.name).toMatch(/\.tldr$/)
  const file = JSON.parse(tldr.bytes.toString('utf8')) as { tldrawFileFormatVersion: number; records: unknown[] }
  expect(file.tldrawFileFormatVersion).toBe(1)

  if (!(await a.page.getByTestId('export-menu').isVisible())) await a.page.getByTestId('export-button').click()
  await a.page.getByTestId('import-tldr-input').setInputFiles({ name: 'copy.tldr', mimeType: 'application/json', buffer: tldr.bytes })
  await expect.poll(() => new URL(a.page.url()).pathname).not.toBe(`/b/${boardId}`)
  await a.waitForEditor()
  await a.waitSynced()
  expect((await a.shapes()).length).toBe(before)
})

test('a long PDF export shows progress and can be cancelled: no file is saved', async ({ actor, board }) => {
  const a = await actor('Alice')
  await a.openBoard(board.id)
  const frames = 60
  await a.page.evaluate((n) => {
    const editor = (window as unknown as { __overlap: { editor: { createShapes(s: unknown[]): unknown } } }).__overlap.editor
    editor.createShapes(
      Array.from({ length: n }, (_, i) => ({ type: 'frame', x: (i % 10) * 700, y: Math.floor(i / 10) * 500, props: { w: 640, h: 440, name: `F${i}` } }))
    )
  }, frames)
  const downloads: string[] = []
  a.page.on('download', (d) => downloads.push(d.suggestedFilename()))
  await a.page.getByTestId('export-button').click()
  await expect(a.page.getByTestId('export-pdf')).toContainText(`${frames} pages`)
  await a.page.getByTestId('export-pdf').click()
  const progress = a.page.getByTestId('export-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('data-total', String(frames))
  await a.page.getByTestId('export-cancel').click()
  await expect(progress).toHaveCount(0)
  // A finished export saves the file and closes the menu; a cancelled one leaves the menu open.
  await expect(a.page.getByTestId('export-menu')).toBeVisible()
  expect(downloads).toEqual([])
  await expect(a.page.getByTestId('export-error')).toHaveCount(0)
})

test('import into this board: a file made by tldraw 2.x lands on the open board for everyone, as one undo step', async ({ actor, baseURL }) => {
  const boardId = await createTemplateBoard(baseURL!, 'e2e import here')
  const a = await actor('Alice')
  const b = await actor('Bob')
  await a.openBoard(boardId)
  await b.openBoard(boardId)
  const before = (await a.shapes()).map((s) => s.id)
  const fixture = await readFile(new URL('../../server/src/snapshots/__fixtures__/tldraw-2.4.6.tldr', import.meta.url))

  await a.page.getByTestId('export-button').click()
  const chooser = a.page.waitForEvent('filechooser')
  await a.page.getByTestId('import-tldr-here').click()
  await (await chooser).setFiles({ name: 'old.tldr', mimeType: 'application/json', buffer: fixture })

  // The fixture holds six shapes (frame, two geo, note, text, arrow); they arrive with fresh ids.
  await expect.poll(async () => (await b.shapes()).length, { message: 'B sees the imported shapes' }).toBe(before.length + 6)
  expect(new URL(a.page.url()).pathname).toBe(`/b/${boardId}`)
  await a.waitSynced()
  // Beside the template, not in it: no imported shape went into one of its frames, none overlaps it.
  const placement = await a.page.evaluate((old) => {
    const editor = (window as OverlapWindow).__overlap!.editor
    const known = new Set(old)
    const added = [...editor.getCurrentPageShapeIds()].filter((id) => !known.has(id))
    const right = (ids: string[]) => Math.max(...ids.map((id) => editor.getShapePageBounds(id)!.maxX))
    const left = (ids: string[]) => Math.min(...ids.map((id) => editor.getShapePageBounds(id)!.minX))
    return {
      parentsInTemplate: added.filter((id) => known.has(editor.getShape(id)!.parentId)).length,
      gap: left(added) - right(old),
    }
  }, before)
  expect(placement.parentsInTemplate).toBe(0)
  expect(placement.gap).toBeGreaterThan(0)

  await a.page.getByTestId('quick-actions.undo').click()
  await expect.poll(async () => (await b.shapes()).map((s) => s.id).sort(), { message: 'one undo removes the import' }).toEqual([...before].sort())
})

test("import into this board: a file's second page becomes a new page of the board, its shapes where the file had them", async ({ actor, board }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await Promise.all([a.openBoard(board.id), b.openBoard(board.id)])
  // The tldraw 2.4.6 fixture, with its note and text moved onto a second page, also called "Page 1".
  const file = JSON.parse(await readFile(new URL('../../server/src/snapshots/__fixtures__/tldraw-2.4.6.tldr', import.meta.url), 'utf8')) as {
    records: Array<Record<string, unknown>>
  }
  const page = file.records.find((r) => r.typeName === 'page')!
  file.records.push({ ...page, id: 'page:second', index: 'a5' })
  for (const r of file.records) if (r.id === 'shape:note1' || r.id === 'shape:text1') r.parentId = 'page:second'
  const notePosition = file.records.find((r) => r.id === 'shape:note1')!

  await a.page.getByTestId('export-button').click()
  const chooser = a.page.waitForEvent('filechooser')
  await a.page.getByTestId('import-tldr-here').click()
  await (await chooser).setFiles({ name: 'two-pages.tldr', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })

  const pagesOf = (x: typeof a) =>
    x.page.evaluate(() => {
      const editor = (window as OverlapWindow).__overlap!.editor
      return editor.getPages().map((p) => {
        const shapes = [...editor.getPageShapeIds(p.id)].map((id) => editor.getShape(id)!)
        return { name: p.name, types: shapes.map((s) => s.type).sort(), note: shapes.filter((s) => s.type === 'note').map((s) => ({ x: s.x, y: s.y })) }
      })
    })
  const expected = [
    { name: 'Page 1', types: ['arrow', 'frame', 'geo', 'geo'], note: [] },
    { name: 'Page 1 (2)', types: ['note', 'text'], note: [{ x: notePosition.x, y: notePosition.y }] },
  ]
  await expect.poll(() => pagesOf(a), { message: 'A: the first page here, the second as a new page' }).toEqual(expected)
  // Done: the Export menu it was started from has closed.
  await expect(a.page.getByTestId('import-tldr-here')).toHaveCount(0)
  await a.waitSynced()
  await expect.poll(() => pagesOf(b), { message: 'B sees both' }).toEqual(expected)
  // A stays on the page A was on.
  expect(await a.page.evaluate(() => (window as OverlapWindow).__overlap!.editor.getCurrentPage().name)).toBe('Page 1')
  // One undo takes the whole import back, the new page too.
  await a.page.getByTestId('quick-actions.undo').click()
  await expect.poll(() => pagesOf(b), { message: 'B: the import undone' }).toEqual([{ name: 'Page 1', types: [], note: [] }])
})

test('import into this board: content too big for one change, or for the page, is refused before anything is pasted; the board keeps saving', async ({ actor, board }) => {
  const a = await actor('Alice')
  await a.openBoard(board.id)
  const before = (await a.shapes()).length
  const fixture = JSON.parse(await readFile(new URL('../../server/src/snapshots/__fixtures__/tldraw-2.4.6.tldr', import.meta.url), 'utf8')) as {
    records: Array<{ id: string; typeName: string; type?: string; props?: Record<string, unknown> }>
  }
  const geo = fixture.records.find((r) => r.type === 'geo')!
  /** The fixture with its shapes replaced by `n` rectangles on the page, each carrying `url`. */
  const rectangles = (n: number, url: string) =>
    Buffer.from(
      JSON.stringify({
        ...fixture,
        records: [
          ...fixture.records.filter((r) => r.typeName !== 'shape' && r.typeName !== 'binding'),
          ...Array.from({ length: n }, (_, i) => ({ ...geo, id: `shape:r${i}`, parentId: 'page:page', x: i, props: { ...geo.props, url } })),
        ],
      })
    )
  const importHere = async (buffer: Buffer) => {
    if (!(await a.page.getByTestId('export-menu').isVisible())) await a.page.getByTestId('export-button').click()
    const chooser = a.page.waitForEvent('filechooser')
    await a.page.getByTestId('import-tldr-here').click()
    await (await chooser).setFiles({ name: 'big.tldr', mimeType: 'application/json', buffer })
  }

  // About 9 MB as one change: over the server's 8 MiB message limit (it would close the socket, 4413).
  await importHere(rectangles(1500, `https://example.com/${'x'.repeat(6000)}`))
  await expect(a.page.getByTestId('import-error')).toContainText('and the server takes at most 8 MB at once. Import it as a new board instead.')
  // One more shape than a page holds: tldraw would have refused them all without a word.
  await importHere(rectangles(10_001, ''))
  await expect(a.page.getByTestId('import-error')).toContainText('page "Page 1" has 10,001 shapes; a page holds at most 10,000')

  expect((await a.shapes()).length).toBe(before)
  await a.drawRectangle(await a.canvasPoint(0.3, 0.3), await a.canvasPoint(0.5, 0.5))
  await expect.poll(async () => (await a.shapes()).length).toBe(before + 1)
  await a.waitSynced()
})

test('a file made by tldraw 1.x is converted in the browser: as a new board and into this board', async ({ actor, board }) => {
  const boardId = board.id
  const a = await actor('Alice')
  await a.openBoard(boardId)
  const before = (await a.shapes()).length
  const fixture = await readFile(new URL('../../server/src/snapshots/__fixtures__/tldraw-1.x.tldr', import.meta.url))
  const importFile = async (testId: string) => {
    if (!(await a.page.getByTestId('export-menu').isVisible())) await a.page.getByTestId('export-button').click()
    const chooser = a.page.waitForEvent('filechooser')
    await a.page.getByTestId(testId).click()
    await (await chooser).setFiles({ name: 'checkout-v1.tldr', mimeType: 'application/json', buffer: fixture })
  }

  // Into this board: the fixture's five shapes (rectangle, ellipse, sticky, text, arrow) arrive.
  await importFile('import-tldr-here')
  await expect.poll(async () => (await a.shapes()).length, { message: 'the v1 shapes are on the board' }).toBe(before + 5)
  const shapes = await a.shapes()
  const texts = shapes.map((s) => s.text)
  expect(texts).toContain('Customers abandon checkout')
  expect(texts).toContain('Ask support for the top 3 complaints')
  expect(texts).toContain('Problem web, drawn in tldraw 1.x')
  expect(shapes.filter((s) => s.type === 'arrow')).toHaveLength(1)
  const arrowBindings = await a.page.evaluate(() => {
    const editor = (window as unknown as { __overlap: { editor: { getCurrentPageShapes(): Array<{ id: string; type: string }>; getBindingsFromShape(id: string, type: string): unknown[] } } }).__overlap.editor
    const arrow = editor.getCurrentPageShapes().find((s) => s.type === 'arrow')!
    return editor.getBindingsFromShape(arrow.id, 'arrow').length
  })
  expect(arrowBindings).toBe(2)
  await expect(a.page.getByTestId('import-error')).toHaveCount(0)

  // As a new board: the server gets the converted file and we land on the new board.
  await importFile('import-tldr')
  await expect(a.page).not.toHaveURL(new RegExp(`/b/${boardId}`))
  await a.waitForEditor()
  await a.waitSynced()
  await expect.poll(async () => (await a.shapes()).filter((s) => s.text === 'One-page checkout').length).toBe(1)
  expect(await a.shapes()).toHaveLength(5)
})
