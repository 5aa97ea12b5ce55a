import { getBoard } from '../fixtures/api.js'
import { expect, test } from '../fixtures/test.js'

test('home: create a named board, land on /b/<id>, find it in the recent list', async ({ actor, baseURL }) => {
  const a = await actor('Alice')
  await a.page.goto('/')
  const name = `Sprint planning ${Date.now().toString(36)}`
  await a.page.getByTestId('new-board-name').fill(name)
  await a.page.getByTestId('create-board').click()

  await expect(a.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
  const id = new URL(a.page.url()).pathname.split('/').pop()!
  await a.waitForEditor()
  await a.waitSynced()
  expect(await getBoard(baseURL!, id)).toMatchObject({ id, name })

  await a.page.goto('/')
  const recent = a.page.getByTestId('recent-boards')
  const link = recent.getByRole('link', { name: new RegExp(name) })
  await expect(link).toBeVisible()
  await expect(link).toHaveAttribute('href', `/b/${id}`)

  // And it opens the board again.
  await link.click()
  await expect(a.page).toHaveURL(new RegExp(`/b/${id}$`))
  await a.waitForEditor()
  await a.waitSynced()
})
