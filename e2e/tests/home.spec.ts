import { expect, test } from '../fixtures/test.js'

test('home: create a named board, land on /b/<id>, find it in the recent list', async ({ actor, baseURL }) => {
  const a = await actor('Alice')
  await a.page.goto('/')
  const name = `Sprint planning ${Date.now().toString(36)}`
  await a.page.getByTestId('new-board-name').fill(name)
  await a.page.getByTestId('create-board').click()

  // The creator lands on the facilitator link ([A8]).
  await expect(a.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+\?token=[A-Za-z0-9_-]{43}$/)
  const id = new URL(a.page.url()).pathname.split('/').pop()!
  const token = new URL(a.page.url()).searchParams.get('token')!
  await a.waitForEditor()
  await a.waitSynced()
  const meta = await fetch(`${baseURL}/api/boards/${id}`, { headers: { Authorization: `Bearer ${token}` } })
  expect(await meta.json()).toMatchObject({ id, name, role: 'facilitator' })

  await a.page.goto('/')
  const recent = a.page.getByTestId('recent-boards')
  const link = recent.getByRole('link', { name: new RegExp(name) })
  await expect(link).toBeVisible()
  await expect(link).toHaveAttribute('href', `/b/${id}`)

  // And it opens the board again, with the remembered token put back in the URL.
  await link.click()
  await expect(a.page).toHaveURL(new RegExp(`/b/${id}\\?token=${token}$`))
  await a.waitForEditor()
  await a.waitSynced()
})

test('a board link asks for the editor’s code beside the entry chunk, in few files; the home page does not', async ({ actor, board }) => {
  const a = await actor('Alice')
  const preloaded = () =>
    a.page.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.getAttribute('href') ?? ''))
  const editorChunk = /\/assets\/board-[^/]+\.js$/
  await a.page.goto('/')
  await expect(a.page.getByTestId('create-board')).toBeVisible()
  expect((await preloaded()).filter((h) => editorChunk.test(h))).toEqual([])

  await a.openBoard(board.id)
  const editorChunks = (await preloaded()).filter((h) => editorChunk.test(h))
  // The editor and the connection (client/vite/boardChunks.ts).
  expect(editorChunks).toHaveLength(2)
  // Requested while the HTML was still being parsed (by those links), not once the app's code ran,
  // and few enough for one round of Chromium's 6 connections: the entry, its runtime, React and those two.
  const timing = await a.page.evaluate((hrefs) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const scripts = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= nav.domInteractive && new URL(e.name).pathname.endsWith('.js'))
    return {
      requested: hrefs.map((h) => performance.getEntriesByName(new URL(h, location.href).href)[0]?.startTime ?? Number.NaN),
      parsed: nav.domInteractive,
      scripts: scripts.length,
    }
  }, editorChunks)
  for (const requested of timing.requested) expect(requested).toBeLessThanOrEqual(timing.parsed)
  expect(timing.scripts).toBeLessThanOrEqual(5)
})

test('a first visit opens the board socket while the HTML is parsed and adopts it; a return visit waits for its local copy', async ({ actor, board }) => {
  const a = await actor('Alice')
  const b = await actor('Bob')
  await b.openBoard(board.id)
  await b.drawRectangle({ x: 300, y: 300 }, { x: 420, y: 380 })
  await b.waitStatus('live', (n) => n === 0)

  // Every WebSocket the page makes, with when it was made.
  await a.context.addInitScript(() => {
    const Real = window.WebSocket
    const made: { url: string; at: number }[] = ((window as unknown as { __sockets: unknown }).__sockets = [])
    window.WebSocket = new Proxy(Real, {
      construct(target, args: [string, (string | string[])?]) {
        made.push({ url: String(args[0]), at: performance.now() })
        return Reflect.construct(target, args)
      },
    })
  })
  const sockets = () =>
    a.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const made = (window as unknown as { __sockets: { url: string; at: number }[] }).__sockets
      return { parsed: nav.domInteractive, sync: made.filter((s) => new URL(s.url).pathname.startsWith('/sync/')) }
    })

  await a.openBoard(board.id)
  await expect.poll(async () => (await a.shapes()).filter((s) => s.type === 'geo').length).toBe(1)
  const first = await sockets()
  // One socket, opened by index.html's inline script before parsing ended, and it is the live one.
  expect(first.sync).toHaveLength(1)
  expect(first.sync[0]!.at).toBeLessThanOrEqual(first.parsed)
  await b.drawRectangle({ x: 500, y: 300 }, { x: 600, y: 380 })
  await expect.poll(async () => (await a.shapes()).filter((s) => s.type === 'geo').length).toBe(2)

  // Back again: this browser knows the board (and may hold edits in IndexedDB), so the app opens the
  // socket itself, after the local copy has loaded.
  await a.page.reload()
  await a.waitForEditor()
  await a.waitSynced()
  const again = await sockets()
  expect(again.sync).toHaveLength(1)
  expect(again.sync[0]!.at).toBeGreaterThan(again.parsed)
  expect((await a.shapes()).filter((s) => s.type === 'geo')).toHaveLength(2)
})
