import { afterEach, describe, expect, inject, it } from 'vitest'
import { ticketsOf } from './agentApi.js'
import { launch, type Page, type Session } from './browser.js'

// Faults a phone meets, in real Chromium against the reference server: every test ends with
// exactly one ticket on the server, filed by its author, and checks what the user was shown.
const baseUrl = inject('baseUrl')
const API = `${baseUrl}/v1/**`
let s: Session | undefined

afterEach(async () => {
  await s?.close()
  s = undefined
})

const shadow = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
const uid = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`

/** Opens the report form on the first transaction, ready to type. */
async function openReport(page: Page): Promise<void> {
  await page.locator('[data-testid=report-tx]').first().click()
  await shadow(page, '[data-category=charged_not_received]').click()
  await shadow(page, '[data-submit]:not([disabled])').waitFor()
}

/** Writes and sends a report while the API is unreachable; the form says it is queued. */
async function queueOffline(s: Session, text: string): Promise<void> {
  await s.browser.route(API, (route) => route.abort('internetdisconnected'))
  await s.browser.setOffline(true)
  await shadow(s.page, '[data-field=description] textarea').fill(text)
  await shadow(s.page, '[data-submit]').click()
  await shadow(s.page, '[data-result=queued]').waitFor()
  await s.browser.setOffline(false)
}

describe('durability faults', () => {
  it('1. a report queued offline goes out after a reload without the panel being opened', async () => {
    s = await launch()
    const user = uid('closed-panel')
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await openReport(s.page)
    await queueOffline(s, 'Paid at the kiosk, the merchant never got it')
    expect(await shadow(s.page, '[data-result=queued] h3').textContent()).toBe('Saved on this device')

    // Reload with the API still unreachable; the panel stays closed from here on.
    await s.page.reload()
    await s.browser.unroute(API)
    await s.page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect.poll(async () => (await ticketsOf(user)).length, { timeout: 30_000 }).toBe(1)
    expect(await s.page.evaluate(() => (window as unknown as { help: { isOpen: boolean } }).help.isOpen)).toBe(false)
    expect(await s.page.locator('[data-help-feedback] >> .rf').count()).toBe(0)
    expect((await ticketsOf(user))[0]!.category).toBe('charged_not_received')
  })

  it("2. user A's report queued offline is not sent as user B who signs in next, and goes out as A once A is back", async () => {
    s = await launch()
    const a = uid('author-a')
    const b = uid('author-b')
    await s.page.goto(`${baseUrl}/?locale=en&user=${a}`)
    await openReport(s.page)
    await queueOffline(s, "A's report: charged twice at the pharmacy")
    // A's page goes away before the network returns, so only a later page can send the job.
    await s.page.goto('about:blank')
    await s.browser.unroute(API)

    // B signs in on the same device and files a report of their own. The outbox sends oldest
    // first, so had A's job been B's to send it would have gone before this one.
    await s.page.goto(`${baseUrl}/?locale=en&user=${b}`)
    await openReport(s.page)
    await shadow(s.page, '[data-field=description] textarea').fill("B's own report about a refund")
    await shadow(s.page, '[data-submit]').click()
    await shadow(s.page, '[data-result=sent]').waitFor({ timeout: 30_000 })
    expect(await ticketsOf(a)).toEqual([])
    expect(await ticketsOf(b)).toHaveLength(1)
    // B's My requests does not list A's report as waiting.
    await shadow(s.page, '[data-result=sent] button.primary').click()
    await shadow(s.page, '[data-ticket]').first().waitFor()
    expect(await shadow(s.page, '[data-job]').count()).toBe(0)

    await s.page.goto(`${baseUrl}/?locale=en&user=${a}`)
    await expect.poll(async () => (await ticketsOf(a)).length, { timeout: 30_000 }).toBe(1)
    expect(await ticketsOf(b)).toHaveLength(1)
  })

  for (const fault of ['open-throws', 'quota'] as const) {
    it(`3. storage fault (${fault}): the form warns before Send, nothing says "saved on this device", the report still goes out once`, async () => {
      s = await launch()
      await s.browser.addInitScript((kind) => {
        if (kind === 'open-throws') {
          IDBFactory.prototype.open = () => {
            throw new DOMException('blocked by policy', 'SecurityError')
          }
        } else {
          const put = IDBObjectStore.prototype.put
          IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
            if (String(key).includes('__probe__')) return put.call(this, value, key)
            throw new DOMException('disk full', 'QuotaExceededError')
          }
        }
      }, fault)
      const user = uid(`storage-${fault}`)
      await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
      const events: string[] = []
      await s.page.exposeFunction('recordEvent', (type: string) => void events.push(type))
      await s.page.evaluate(() =>
        (
          window as unknown as { help: { onEvent(l: (e: { type: string; reason?: string }) => void): void } }
        ).help.onEvent((e) => {
          if (e.type === 'storage:fallback')
            void (window as unknown as { recordEvent(t: string): void }).recordEvent(`${e.type}:${e.reason}`)
        }),
      )
      await openReport(s.page)
      await shadow(s.page, '[data-field=description] textarea').fill('The top-up failed but my card was charged')
      await expect.poll(async () => shadow(s!.page, '[data-storage-warning]').count(), { timeout: 15_000 }).toBe(1)
      expect(await shadow(s.page, '[data-storage-warning]').textContent()).toContain(
        'cannot be kept on this device if you close the app',
      )
      expect(events).toContain(fault === 'quota' ? 'storage:fallback:quota_exceeded' : 'storage:fallback:open_failed')

      await s.browser.route(API, (route) => route.abort('internetdisconnected'))
      await s.browser.setOffline(true)
      await shadow(s.page, '[data-submit]').click()
      await shadow(s.page, '[data-result=queued] [data-volatile]').waitFor()
      expect(await s.page.locator('[data-help-feedback]').evaluate((el) => el.shadowRoot!.textContent)).not.toContain(
        'Saved on this device',
      )

      await s.browser.setOffline(false)
      await s.browser.unroute(API)
      await s.page.evaluate(() => window.dispatchEvent(new Event('online')))
      await shadow(s.page, '[data-result=sent]').waitFor({ timeout: 30_000 })
      expect(await ticketsOf(user)).toHaveLength(1)
    })
  }

  it('4. a clock a day ahead while offline, then corrected: the report goes out promptly, and a skewed clock does not re-identify before every request', async () => {
    s = await launch()
    await s.browser.addInitScript(() => {
      const skew = Number(sessionStorage.getItem('hf-test-skew') ?? 0)
      if (!skew) return
      const Real = Date
      class Skewed extends Real {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(Real.now() + skew)
          else super(...(args as [number]))
        }
        static override now() {
          return Real.now() + skew
        }
      }
      globalThis.Date = Skewed as DateConstructor
    })
    const identifies: string[] = []
    s.page.on('request', (r) => r.url().includes('/v1/identify') && identifies.push(r.url()))
    const user = uid('clock')
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await s.page.evaluate(() => sessionStorage.setItem('hf-test-skew', String(86_400_000)))
    await s.page.reload()
    await openReport(s.page)
    await queueOffline(s, 'Sent from a phone whose clock was a day ahead')

    // The clock is corrected and the app restarts, still offline; then the network returns.
    await s.page.evaluate(() => sessionStorage.removeItem('hf-test-skew'))
    await s.page.reload()
    await s.browser.unroute(API)
    await s.page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect.poll(async () => (await ticketsOf(user)).length, { timeout: 30_000 }).toBe(1)

    // A day ahead and online: several requests share one session.
    await s.page.evaluate(() => sessionStorage.setItem('hf-test-skew', String(86_400_000)))
    await s.page.reload()
    identifies.length = 0
    await openReport(s.page)
    await shadow(s.page, '[data-field=description] textarea').fill('Second report, clock still ahead')
    await shadow(s.page, '[data-submit]').click()
    await shadow(s.page, '[data-result=sent]').waitFor({ timeout: 30_000 })
    await shadow(s.page, '[data-result=sent] button.primary').click()
    await shadow(s.page, '[data-ticket]').first().waitFor()
    expect(identifies.length).toBeLessThanOrEqual(1)
    expect(await ticketsOf(user)).toHaveLength(2)
  })

  it('5. a 2xx with a malformed body after the server committed: the user sees sending, then sent, and the server has one ticket', async () => {
    s = await launch()
    const user = uid('malformed')
    let posts = 0
    let releaseRetry!: () => void
    const retryHeld = new Promise<void>((r) => (releaseRetry = r))
    await s.browser.route(`${baseUrl}/v1/tickets`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      posts++
      if (posts === 1) {
        // The server commits, then a middlebox answers 200 with a portal page.
        await route.fetch()
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Welcome to Airport Wi-Fi</html>' })
      }
      await retryHeld
      return route.continue()
    })
    await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await openReport(s.page)
    await shadow(s.page, '[data-field=description] textarea').fill('Charged twice for one taxi ride')
    await shadow(s.page, '[data-submit]').click()
    // The retry (same key) is held: meanwhile the form still says it is sending, no error.
    await expect.poll(() => posts, { timeout: 30_000 }).toBe(2)
    expect(await shadow(s.page, '[data-submit]').textContent()).toBe('Sending…')
    expect(await shadow(s.page, '[data-errors]').textContent()).toBe('')
    expect(await shadow(s.page, '[data-result]').count()).toBe(0)
    releaseRetry()
    await shadow(s.page, '[data-result=sent]').waitFor({ timeout: 30_000 })
    expect(await ticketsOf(user)).toHaveLength(1)
  })
})
