/**
 * A board opens with its content in view and clear of the board's own chrome: content drawn at the
 * top-left corner of the page (where an imported file or a board made elsewhere often starts) is not
 * left under the top bar or the facilitator's column.
 */
import type { Actor } from '../fixtures/actor.js'
import type { OverlapWindow } from '../fixtures/overlapWindow.js'
import { expect, test } from '../fixtures/test.js'
import { boardFetch } from '../fixtures/api.js'

type Rect = { left: number; top: number; right: number; bottom: number }
const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** One empty card on the open page, stored; its id. */
async function oneCard(who: Actor): Promise<string> {
  const id = await who.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor
    editor.createShape({ type: 'note', x: 0, y: 0, props: {} })
    return editor.getCurrentPageShapes()[0]!.id
  })
  await who.waitSynced()
  return id
}

/** Runs a facilitator action through the HTTP API ([WS3]). */
const facilitate = (baseURL: string, boardId: string) => async (action: unknown) => {
  const res = await boardFetch(baseURL, boardId, '/workshop', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(action) })
  expect(res.status, await res.text()).toBeLessThan(300)
}

const voteOn = (card: string) => ({ type: 'vote.start', cardIds: [card], scopeLabel: 'All cards', config: { votesPerPerson: 3, onePerCard: false, anonymous: false } })

test('opening a board puts its content in view, clear of the top bar and the Facilitate column', async ({ actor, board }) => {
  const fay = await actor('Fay')
  await fay.openBoard(board.id, 'facilitator')
  // Three tall cards, 1,100 × 900 together: centred on the canvas (or at the origin) part of them lies
  // under the top bar or the Facilitate column; fitted, their height is what limits the zoom, so
  // their top edge sits right under the top bar's last row.
  await fay.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor as unknown as { createShapes(s: unknown[]): void }
    editor.createShapes([0, 1, 2].map((i) => ({ type: 'geo', x: i * 400, y: 0, props: { w: 300, h: 900 } })))
  })
  await fay.waitSynced()

  // On a laptop-sized window, and on a smaller one where the top bar wraps onto a third row.
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 700 }]) {
  await fay.page.setViewportSize(size)
  await fay.page.reload()
  await fay.waitForEditor()
  await fay.waitSynced()
  const { shapes, chrome } = await fay.page.evaluate(() => {
    const editor = (window as OverlapWindow).__overlap!.editor as unknown as {
      getCurrentPageShapes(): Array<{ id: string }>
      getShapePageBounds(id: string): { minX: number; minY: number; maxX: number; maxY: number }
      pageToScreen(p: { x: number; y: number }): { x: number; y: number }
    }
    const rect = (el: Element | null) => {
      const r = el!.getBoundingClientRect()
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
    }
    return {
      shapes: editor.getCurrentPageShapes().map((s) => {
        const b = editor.getShapePageBounds(s.id)
        const tl = editor.pageToScreen({ x: b.minX, y: b.minY })
        const br = editor.pageToScreen({ x: b.maxX, y: b.maxY })
        return { left: tl.x, top: tl.y, right: br.x, bottom: br.y }
      }),
      chrome: [
        rect(document.querySelector('.ov-facilitator-bar')),
        rect(document.querySelector('.ov-top-panel')),
        ...[...document.querySelectorAll('.ov-top-panel > *, .ov-workshop-row, .ov-workshop-row > *')].map(rect),
      ],
    }
  })
  expect(shapes).toHaveLength(3)
  const viewport = fay.page.viewportSize()!
  for (const s of shapes) {
    expect(s.left).toBeGreaterThanOrEqual(0)
    expect(s.top).toBeGreaterThanOrEqual(0)
    expect(s.right).toBeLessThanOrEqual(viewport.width)
    expect(s.bottom).toBeLessThanOrEqual(viewport.height)
    for (const c of chrome) expect(overlaps(s, c), `${size.width}×${size.height}: a card at ${JSON.stringify(s)} is under ${JSON.stringify(c)}`).toBe(false)
  }
  }
})

test("at 1024 × 700, with a timer and a vote running, the facilitator's top bar stays on screen: sync state, Share, name", async ({ actor, board, baseURL }) => {
  const fay = await actor('Fay')
  await fay.page.setViewportSize({ width: 1024, height: 700 })
  await fay.openBoard(board.id, 'facilitator')
  const card = await oneCard(fay)
  const act = facilitate(baseURL!, board.id)
  await act({ type: 'timer.start', seconds: 600 })
  await act(voteOn(card))
  await expect(fay.page.getByTestId('timer')).toBeVisible()
  await expect(fay.page.getByTestId('vote-bar')).toBeVisible()
  for (const id of ['sync-state', 'share-button', 'identity-edit']) {
    const box = (await fay.page.getByTestId(id).first().boundingBox())!
    expect(box.x + box.width, `${id} ends inside the window`).toBeLessThanOrEqual(1024)
  }
})

test('on a 390 × 844 phone the whole top bar fits: sync state, Share, you, and every board button; the facilitator column starts folded', async ({ actor, board }) => {
  const fay = await actor('Fay')
  await fay.page.setViewportSize({ width: 390, height: 844 })
  await fay.openBoard(board.id, 'facilitator')
  const ids = ['sync-state', 'share-button', 'identity-edit', 'templates-button', 'lens-button', 'brief-button', 'history-button', 'export-button']
  for (const id of ids) {
    const el = fay.page.getByTestId(id).first()
    await expect(el, `${id} is shown`).toBeVisible()
    const box = (await el.boundingBox())!
    expect(box.x, `${id} starts inside the window`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${id} ends inside the window`).toBeLessThanOrEqual(390)
  }
  // The sync state still says what it is, in a word.
  await expect(fay.page.getByTestId('sync-state').locator('.ov-sync-label-short')).toHaveText('Saved')
  // Folded, the facilitator's column keeps the board clear; unfolded, its buttons are there.
  const toggle = fay.page.getByTestId('facilitator-toggle')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(fay.page.getByTestId('lock-all-frames')).toHaveCount(0)
  await toggle.click()
  await expect(fay.page.getByTestId('lock-all-frames')).toBeVisible()
})

test('at 1024 × 700 the People panel opens clear of the vote results; on a phone it stays on screen', async ({ actor, board, baseURL }) => {
  const fay = await actor('Fay')
  await fay.page.setViewportSize({ width: 1024, height: 700 })
  await fay.openBoard(board.id, 'facilitator')
  const act = facilitate(baseURL!, board.id)
  await act(voteOn(await oneCard(fay)))
  await act({ type: 'vote.end' })
  const results = fay.page.getByTestId('vote-results')
  await expect(results).toBeVisible()
  await fay.page.getByTestId('people-button').click()
  const panel = fay.page.locator('.ov-people-panel')
  await expect(panel).toBeVisible()
  const p = (await panel.boundingBox())!
  const r = (await results.boundingBox())!
  const apart = p.x + p.width <= r.x || r.x + r.width <= p.x || p.y + p.height <= r.y || r.y + r.height <= p.y
  expect(apart, `people ${JSON.stringify(p)} vs results ${JSON.stringify(r)}`).toBe(true)

  await fay.page.setViewportSize({ width: 390, height: 844 })
  const q = (await panel.boundingBox())!
  expect(q.x).toBeGreaterThanOrEqual(0)
  expect(q.x + q.width).toBeLessThanOrEqual(390)
})

test('at 1024 × 700 the template gallery shows its Insert button without scrolling, whichever template is picked', async ({ actor, board }) => {
  const fay = await actor('Fay')
  await fay.page.setViewportSize({ width: 1024, height: 700 })
  await fay.openBoard(board.id, 'facilitator')
  await fay.page.getByTestId('templates-button').click()
  const items = fay.page.locator('.ov-gallery-item')
  for (const i of [0, 1, 2]) {
    await items.nth(i).click()
    const box = (await fay.page.getByTestId('template-insert').boundingBox())!
    const pane = (await fay.page.getByTestId('template-preview').boundingBox())!
    expect(box.y + box.height, `template ${i}: Insert inside the preview pane`).toBeLessThanOrEqual(pane.y + pane.height + 1)
    expect(box.y + box.height, `template ${i}: Insert inside the window`).toBeLessThanOrEqual(700)
  }
})

test('a template inserted at 1024 × 700 lands clear of the chrome: frame titles, the how-to note, every card', async ({ actor, board }) => {
  const fay = await actor('Fay')
  await fay.page.setViewportSize({ width: 1024, height: 700 })
  await fay.openBoard(board.id, 'facilitator')
  await fay.page.getByTestId('templates-button').click()
  await fay.page.getByTestId('template-item-problem-web').click()
  await fay.page.getByTestId('template-insert').click()
  await expect(fay.page.getByTestId('template-gallery')).toHaveCount(0)
  const measure = () =>
    fay.page.evaluate(() => {
      const editor = (window as OverlapWindow).__overlap!.editor as unknown as {
        getCurrentPageShapes(): Array<{ id: string; type: string; parentId: string }>
        getShapePageBounds(id: string): { minX: number; minY: number; maxX: number; maxY: number }
        pageToScreen(p: { x: number; y: number }): { x: number; y: number }
        getCamera(): { x: number; y: number; z: number }
      }
      const rect = (el: Element) => {
        const r = el.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      // Top-level shapes (frames and the how-to note); a frame's title sits just above it.
      const shapes = editor
        .getCurrentPageShapes()
        .filter((s) => s.parentId.startsWith('page:') && s.type !== 'arrow')
        .map((s) => {
          const b = editor.getShapePageBounds(s.id)
          const tl = editor.pageToScreen({ x: b.minX, y: b.minY })
          const br = editor.pageToScreen({ x: b.maxX, y: b.maxY })
          return { id: s.id, left: tl.x, top: tl.y - (s.type === 'frame' ? 20 : 0), right: br.x, bottom: br.y }
        })
      const chrome = [
        ...document.querySelectorAll(
          '.ov-facilitator-bar, .ov-top-panel > *, .ov-share-panel, .tlui-menu-zone, .tlui-style-panel__wrapper, .tlui-main-toolbar__inner, .tlui-navigation-panel'
        ),
      ]
        .map(rect)
        .filter((r) => r.right > r.left && r.bottom > r.top)
      return { shapes, chrome, camera: JSON.stringify(editor.getCamera()) }
    })
  // Wait for the zoom animation to end: the camera stops moving.
  let last = ''
  await expect
    .poll(async () => {
      const now = (await measure()).camera
      const settled = now === last
      last = now
      return settled
    })
    .toBe(true)
  const { shapes, chrome } = await measure()
  expect(shapes.length).toBeGreaterThanOrEqual(6) // five frames and the how-to note
  expect(chrome.length).toBeGreaterThanOrEqual(5)
  for (const s of shapes) {
    for (const c of chrome) expect(overlaps(s, c), `${s.id} at ${JSON.stringify(s)} is under ${JSON.stringify(c)}`).toBe(false)
  }
})
