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

test('a board link asks for the editor’s code beside the entry chunk; the home page does not', async ({ actor, board }) => {
  const a = await actor('Alice')
  const preloaded = () =>
    a.page.evaluate(() => [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.getAttribute('href') ?? ''))
  await a.page.goto('/')
  await expect(a.page.getByTestId('create-board')).toBeVisible()
  expect((await preloaded()).filter((h) => /BoardPage/.test(h))).toEqual([])

  await a.openBoard(board.id)
  const editorChunks = (await preloaded()).filter((h) => /\/assets\/BoardPage-[^/]+\.js$/.test(h))
  expect(editorChunks).toHaveLength(1)
  // Requested while the HTML was still being parsed (by that link), not once the app's code ran.
  const timing = await a.page.evaluate((href) => {
    const chunk = performance.getEntriesByName(new URL(href, location.href).href)[0]
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return { requested: chunk?.startTime ?? Number.NaN, parsed: nav.domInteractive }
  }, editorChunks[0]!)
  expect(timing.requested).toBeLessThanOrEqual(timing.parsed)
})
