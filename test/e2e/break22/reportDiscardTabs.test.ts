/**
 * A refused report open in two tabs: tab A sends its fix (the request held on the wire) while
 * the user discards it in tab B. The discard cannot take (the request may land); tab B must say
 * something, not leave the button doing nothing.
 */
import { describe, expect, inject, it } from 'vitest'
import { open, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

const description = (page: Page) => w(page, '[data-field=description] textarea')
const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing.'

describe('discard in one tab while the other sends the fix', () => {
  it('tab B is told its discard did not take', async () => {
    const user = `b22-discard-tabs-${Date.now()}`
    let posts = 0
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => (release = r))
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
      if (posts === 2) await held
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
      const { jobId } = JSON.parse(await a.evaluate(() => sessionStorage.getItem('help-feedback:report')!)) as {
        jobId: string
      }
      const b = await s.browser.newPage()
      await b.goto(`${baseUrl}/?locale=en&user=${user}`)
      await open(b, 'report', { jobId })
      await expect.poll(() => description(b).inputValue(), { timeout: 20_000 }).toBe(TYPED)

      await description(a).fill(`${TYPED} Fixed in tab A.`)
      await w(a, '[data-submit]').click()
      await expect.poll(() => posts, { timeout: 20_000 }).toBe(2)
      // Tab B: "Discard this report" while tab A's request is on the wire.
      const said = () => w(b, '[data-view=report]').innerText()
      const before = await said()
      await w(b, 'button:has-text("Discard")').click()
      // Something tells the user what came of it: the view leaves the form, or a message shows.
      await expect.poll(said, { timeout: 10_000 }).not.toBe(before)
      release()
      await b.close()
    } finally {
      release()
      await s.browser.unroute('**/v1/tickets')
    }
  })
})
