import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { agentGet, fileTickets } from '../agentApi.js'
import { launch, openConsole, type Session } from '../browser.js'

/*
 * The console's composers (a ticket's comment and status note, a chat's reply) are one set of
 * fields for whatever item is open. Text typed for one ticket and not sent stayed in the field
 * when the agent opened another, under the other user's heading, and Comment sent it there: one
 * user's case (and what the agent wrote about it) went to another user.
 */

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let user: Session
let agent: Session

beforeAll(async () => {
  ;[user, agent] = await Promise.all([launch(), launch()])
})
afterAll(async () => {
  await Promise.all([user?.close(), agent?.close()])
})

it('keeps an unsent comment with the ticket it was typed for', async () => {
  await user.page.goto(`${baseUrl}/?locale=en&user=drafts-${Date.now()}`)
  await user.page.waitForFunction(() => 'help' in window)
  const [first, second] = await fileTickets(user.page, [{ subject: 'Draft first' }, { subject: 'Draft second' }])

  const page = agent.page
  await openConsole(page, baseUrl, agentKey)
  const item = (id: string) => page.locator(`[data-testid=ticket-item][data-id="${id}"] button`)
  await item(first).click()
  await page.locator('#ticket-heading', { hasText: 'Draft first' }).waitFor()
  await page.getByTestId('comment-input').fill('Your refund for the first transfer is on its way')
  await page.getByTestId('status-note').fill('refund filed')

  await item(second).click()
  await page.locator('#ticket-heading', { hasText: 'Draft second' }).waitFor()
  await expect.poll(() => page.getByTestId('comment-input').isEnabled()).toBe(true)
  expect(await page.getByTestId('comment-input').inputValue()).toBe('')
  expect(await page.getByTestId('status-note').inputValue()).toBe('')
  await page.getByTestId('comment-input').fill('Second ticket reply')
  await page.getByTestId('comment-send').click()
  await page.locator('#ticket-comments', { hasText: 'Second ticket reply' }).waitFor()

  await item(first).click()
  await page.locator('#ticket-heading', { hasText: 'Draft first' }).waitFor()
  expect(await page.getByTestId('comment-input').inputValue()).toBe('Your refund for the first transfer is on its way')
  expect(await page.getByTestId('status-note').inputValue()).toBe('refund filed')

  const bodies = async (id: string) =>
    (await agentGet<{ comments: Array<{ body: string }> }>(`/tickets/${id}`)).comments.map((c) => c.body)
  expect(await bodies(second)).toEqual(['Second ticket reply'])
  expect(await bodies(first)).toEqual([])
})
