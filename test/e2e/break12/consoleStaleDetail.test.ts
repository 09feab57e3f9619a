import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { agentGet, fileTickets } from '../agentApi.js'
import { launch, openConsole, type Session } from '../browser.js'

/*
 * The console reloads the open ticket on every live event about it and after each action. Two
 * loads of one ticket can overlap, and their replies can come back out of order: a reload started
 * before the agent applied a status, answered after the one that followed the status, drew the
 * ticket as it was before (old badge and history) and set the status picker back to the old
 * status. Here the reload a user's comment starts is held while the agent applies 'solved'.
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

type Win = {
  help: { client(): Promise<{ transport(): Promise<Record<string, (...a: unknown[]) => Promise<unknown>>> }> }
}

it('draws the newest load of the open ticket, not a slower earlier one', async () => {
  await user.page.goto(`${baseUrl}/?locale=en&user=stale-detail-${Date.now()}`)
  await user.page.waitForFunction(() => 'help' in window)
  const [ticketId] = await fileTickets(user.page, [
    { subject: 'Stale detail', description: 'the transfer has not arrived' },
  ])

  const page = agent.page
  await openConsole(page, baseUrl, agentKey)
  const item = page.locator(`[data-testid=ticket-item][data-id="${ticketId}"] button`)
  await item.click()
  await page.locator('#ticket-heading', { hasText: 'Stale detail' }).waitFor()
  expect(await page.getByTestId('status-select').isEnabled()).toBe(true)

  const detail = new RegExp(`/v1/agent/tickets/${ticketId}$`)
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let holding = true
  let finished = 0
  page.on('requestfinished', (r) => {
    if (detail.test(r.url()) && r.method() === 'GET') finished++
  })
  // The first reload is answered with the ticket as it is now, and that answer is held back.
  await page.route(detail, async (route) => {
    if (!holding || route.request().method() !== 'GET') return route.continue()
    holding = false
    const response = await route.fetch()
    await held
    await route.fulfill({ response })
  })
  try {
    const asked = page.waitForRequest((r) => detail.test(r.url()) && r.method() === 'GET')
    await user.page.evaluate(async (id) => {
      const transport = await (await (window as unknown as Win).help.client()).transport()
      await transport.addComment!(id, { body: 'any news?', attachments: [] }, { idempotencyKey: crypto.randomUUID() })
    }, ticketId)
    await asked

    await page.getByTestId('status-select').selectOption('solved')
    await page.getByTestId('status-apply').click()
    await page.locator('[data-testid=history-item][data-status=solved]').waitFor()
    // The reload after Apply answered, and the refreshes Apply scheduled are done.
    await expect.poll(() => finished).toBeGreaterThanOrEqual(1)
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)))
    const before = finished

    const droppedBefore = await page.evaluate(() => Number(document.body.dataset.dropped || 0))
    release()
    await expect.poll(() => finished).toBe(before + 1)
    // The held reply (the ticket before Apply) came back and was dropped, not drawn.
    await expect.poll(() => page.evaluate(() => Number(document.body.dataset.dropped || 0))).toBe(droppedBefore + 1)
    expect(await page.locator('#ticket-meta [data-testid=status-badge]').textContent()).toBe('solved')
    expect(await page.locator('[data-testid=history-item][data-status=solved]').count()).toBe(1)
    expect(await page.getByTestId('status-select').inputValue()).toBe('solved')
    const stored = await agentGet<{ status: string }>(`/tickets/${ticketId}`)
    expect(stored.status).toBe('solved')
  } finally {
    release()
    await page.unrouteAll({ behavior: 'ignoreErrors' })
  }
})
