/** A refused report's fix sent, and the page reloaded while that request is on the wire. */
import { describe, expect, inject, it } from 'vitest'
import { ticketsOf } from '../agentApi.js'
import { reload, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

const description = (page: Page) => w(page, '[data-field=description] textarea')
const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing.'

describe('reload while the fix is on the wire', () => {
  it('after the reload the user is not shown the report as still refused once it is sent', async () => {
    const user = `b22-reload-mid-${Date.now()}`
    let posts = 0
    const never = new Promise<void>(() => undefined)
    await s.browser.route('**/v1/tickets', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback()
      posts++
      if (posts === 1)
        return route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'rejected', message: 'Invalid request', fields: { 'fields.orderId': 'Unknown order' } },
          }),
        })
      if (posts === 2) await never
      return route.fallback()
    })
    try {
      const a = s.page
      await a.goto(`${baseUrl}/?locale=en&user=${user}`)
      await a.locator('[data-testid=report-tx]').first().click()
      await w(a, '[data-group=suggested] [data-category=payment_failed]').click()
      await w(a, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
      await description(a).fill(TYPED)
      await w(a, '[data-submit]').click()
      await w(a, '[data-errors] p').waitFor({ timeout: 20_000 })
      await description(a).fill(`${TYPED} Fixed.`)
      await w(a, '[data-submit]').click()
      await expect.poll(() => posts, { timeout: 20_000 }).toBe(2)
      await reload(a)
      await expect.poll(async () => (await ticketsOf(user)).length, { timeout: 30_000 }).toBe(1)
      // The outbox sent it after the reload: the view must not go on saying it was refused
      // (with "Send again" and "Discard", neither of which can do anything now).
      await expect
        .poll(() => w(a, '[data-view=report]').innerText(), { timeout: 10_000 })
        .not.toContain('Support could not accept this report')
    } finally {
      await s.browser.unroute('**/v1/tickets')
    }
  })
})
