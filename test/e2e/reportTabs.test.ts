/**
 * A report the server refused, open in two tabs of one browser (Web Locks and BroadcastChannel
 * between them, one IndexedDB): one tab sends it again while that request is still on the wire,
 * and the other tab sends it again too. One ticket, whatever the second tab says.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ticketsOf } from './agentApi.js'
import { launch, open, w, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
let s: Session
const pageErrors: string[] = []

beforeAll(async () => {
  s = await launch()
})
afterAll(async () => {
  await s?.close()
})

const description = (page: Page) => w(page, '[data-field=description] textarea')
const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing.'

/** The jobs still in a page's outbox. */
const pending = (page: Page) =>
  page.evaluate(async () => {
    const client = await (
      window as unknown as {
        help: { client(): Promise<{ services(): Promise<{ outbox: { list(): Promise<unknown[]> } }> }> }
      }
    ).help.client()
    return (await (await client.services()).outbox.list()).length
  })

describe('a refused report sent again from two tabs', () => {
  it('one tab sends it again while the other tab has it on the wire: one ticket', async () => {
    const user = `e2e-report-tabs-${Date.now()}`
    // The server refuses the first create; the second waits (on the wire) until released.
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
      a.on('pageerror', (e) => pageErrors.push(e.message))
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

      // The second tab: the same refused report, reopened (as from My requests).
      const b = await s.browser.newPage()
      b.on('pageerror', (e) => pageErrors.push(e.message))
      await b.goto(`${baseUrl}/?locale=en&user=${user}`)
      await open(b, 'report', { jobId })
      await expect.poll(() => description(b).inputValue(), { timeout: 20_000 }).toBe(TYPED)

      // Tab A sends its fix; the request is on the wire.
      await description(a).fill(`${TYPED} Fixed in tab A.`)
      await w(a, '[data-submit]').click()
      await expect.poll(() => posts, { timeout: 20_000 }).toBe(2)
      // Tab B sends its own fix meanwhile, and is told it was not sent (tab A's is on its way),
      // its fix still in the form.
      await description(b).fill(`${TYPED} Fixed in tab B.`)
      await w(b, '[data-submit]').click()
      await expect
        .poll(() => w(b, '[data-view=report] [data-errors]').innerText(), { timeout: 30_000 })
        .toContain('your changes were not sent')
      expect(await description(b).inputValue()).toBe(`${TYPED} Fixed in tab B.`)
      release()
      await w(a, '[data-view=report] [data-result=sent]').waitFor({ timeout: 30_000 })

      // Both outboxes drained: what reached the server is one ticket.
      await expect.poll(async () => (await pending(a)) + (await pending(b)), { timeout: 30_000 }).toBe(0)
      await expect.poll(async () => (await ticketsOf(user)).length, { timeout: 10_000 }).toBe(1)
      // Nothing else is on its way to make a second one.
      await b.reload()
      await a.reload()
      await expect.poll(async () => (await pending(a)) + (await pending(b)), { timeout: 10_000 }).toBe(0)
      expect((await ticketsOf(user)).length).toBe(1)
      expect(pageErrors).toEqual([])
      await b.close()
    } finally {
      release()
      await s.browser.unroute('**/v1/tickets')
    }
  })
})
