import type { Page } from 'playwright-core'
import { expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'

// "My requests" after the agent moved a request on while the panel was closed: after a reload
// the list shows the new status and the same reference; with the API unreachable it says so
// (never the older status it saw first) and shows the new one on retry.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

async function bearerFor(userId: string): Promise<string> {
  const t = (await (await fetch(`${baseUrl}/demo/token?userId=${userId}&name=x`)).json()) as { token: string }
  const res = await fetch(`${baseUrl}/v1/identify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId, token: t.token }),
  })
  return ((await res.json()) as { token: string }).token
}

const chip = (page: Page, id: string) =>
  page.evaluate(
    (id) =>
      document
        .querySelector('[data-help-feedback]')
        ?.shadowRoot?.querySelector(`[data-ticket="${id}"]`)
        ?.querySelector('[data-status]')
        ?.getAttribute('data-status') ?? null,
    id,
  )

async function openRequests(page: Page) {
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=requests]').click()
}

it('shows the status the agent set while the panel was closed, with the same reference, after a reload, and with the API unreachable then back', async () => {
  const s = await session.start()
  const user = `b4-status-${Date.now()}`
  const res = await fetch(`${baseUrl}/v1/tickets`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await bearerFor(user)}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `b4-status-${Date.now()}`,
    },
    body: JSON.stringify({
      category: 'duplicate_charge',
      subject: 'Refund missing',
      description: 'Refund for order 42 never arrived',
      fields: {},
      attachments: [],
      priority: 'normal',
      locale: 'en',
    }),
  })
  expect(res.status).toBe(201)
  const ticket = (await res.json()) as { id: string; reference: string; status: string }
  expect(ticket.status).toBe('new')

  await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
  await openRequests(s.page)
  await expect.poll(() => chip(s.page, ticket.id)).toBe('new')
  await s.page.keyboard.press('Escape')
  await shadow(s.page, '[role=dialog]').waitFor({ state: 'detached' })

  const agent = { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' }
  const st = await fetch(`${baseUrl}/v1/agent/tickets/${ticket.id}/status`, {
    method: 'POST',
    headers: agent,
    body: JSON.stringify({ status: 'pending', note: 'Need your bank statement' }),
  })
  expect(st.status).toBe(200)

  await s.page.reload()
  await openRequests(s.page)
  await expect.poll(() => chip(s.page, ticket.id), { timeout: 15_000 }).toBe('pending')
  const row = shadow(s.page, `[data-ticket="${ticket.id}"]`)
  expect(await row.textContent()).toContain(ticket.reference)

  // The API is unreachable now: the panel says so and offers a retry, and never shows the
  // status it saw before the agent's change; once the API is back, the retry shows pending.
  await s.page.keyboard.press('Escape')
  await s.browser.route(`${baseUrl}/v1/**`, (r) => r.abort('internetdisconnected'))
  await s.page.reload()
  await openRequests(s.page)
  const alert = shadow(s.page, '[role=alert]')
  await alert.waitFor({ timeout: 30_000 })
  expect(await chip(s.page, ticket.id)).not.toBe('new')
  await s.browser.unroute(`${baseUrl}/v1/**`)
  // The event stream reconnects on its own once the API is back and asks for a resync, which
  // reads the list again: on a slow machine that can take the alert away before the click lands
  // (the button detached for good). Then there is nothing left to retry; else the retry reads it.
  await alert
    .getByRole('button')
    .click({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      if (await alert.count()) throw error
    })
  await expect.poll(() => chip(s.page, ticket.id), { timeout: 15_000 }).toBe('pending')
  expect(await shadow(s.page, `[data-ticket="${ticket.id}"]`).textContent()).toContain(ticket.reference)
})
