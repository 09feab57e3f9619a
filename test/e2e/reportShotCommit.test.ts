/**
 * A screenshot's thumbnail is the user's sign that it is kept: a reload right after it shows
 * must find it, however slow the device's storage. The test holds every IndexedDB write of the
 * report's screenshots open (the transaction is kept busy, so it has not committed) for a while,
 * then lets it commit; the page is reloaded as soon as the thumbnail is drawn, whatever the
 * machine's speed. A write still open at the reload is lost with the page, as in real life.
 */
import { describe, expect, inject, it } from 'vitest'
import { reload, w, type Page } from './browser.js'
import { chromium } from './session.js'
import { PNG, TYPED, description } from './shotFixtures.js'

const baseUrl = inject('baseUrl')
const s = chromium()

/**
 * Every IndexedDB write of a screenshots record stays uncommitted for `ms`: its transaction is
 * kept busy with reads until then. (Held, not failed: the write lands unless the page goes first.)
 */
const slowShotWrites = (page: Page, ms: number) =>
  page.evaluate((hold) => {
    const put = IDBObjectStore.prototype.put
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const request = put.call(this, value, key)
      if (String(key).endsWith(':files')) {
        const until = performance.now() + hold
        const busy = () => {
          if (performance.now() < until) this.count().onsuccess = busy
        }
        busy()
      }
      return request
    }
  }, ms)

describe('a screenshot and a reload', () => {
  it('its thumbnail shows once it is stored: a reload as soon as it shows brings it back', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-shot-commit-${Date.now()}`)
    await page.locator('[data-testid=report-tx]').first().click()
    await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
    await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
    await description(page).fill(TYPED)

    await slowShotWrites(page, 1500)
    await w(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
    await reload(page)

    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
    await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
    expect(await w(page, '[data-field=screenshots] [data-shot]').count()).toBe(1)
  })
})
