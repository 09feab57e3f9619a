/**
 * Real Chromium, the device refusing IndexedDB writes (a full disk): the SDK's store keeps them
 * in memory and carries on. A screenshot must not show as kept when it is not, and the text typed
 * must come back after a reload (the synchronous pagehide copy is the one copy left).
 */
import { describe, expect, inject, it } from 'vitest'
import { reload, w, type Page } from '../browser.js'
import { chromium } from '../session.js'
import { PNG, TYPED, description } from '../shotFixtures.js'

const baseUrl = inject('baseUrl')
const s = chromium()

/** Every IndexedDB write of a report draft (text or screenshots) fails as on a full disk. */
const refuseDraftWrites = (page: Page) =>
  page.evaluate(() => {
    const put = IDBObjectStore.prototype.put
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (String(key).includes('draft:report:')) throw new DOMException('full', 'QuotaExceededError')
      return put.call(this, value, key)
    }
  })

async function openForm(page: Page, user: string) {
  await page.goto(`${baseUrl}/?locale=en&user=${user}`)
  await page.locator('[data-testid=report-tx]').first().click()
  await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
  await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
}

describe('the device refuses to store the report', () => {
  it('a screenshot says "not saved on this device"; the text typed is back after a reload', async () => {
    const { page } = s
    await openForm(page, `e2e-b27-refused-${Date.now()}`)
    await refuseDraftWrites(page)
    await description(page).fill(TYPED)
    await w(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    // The tile settles as not kept, with the alert; never drawn as a kept thumbnail.
    await w(page, '[data-field=screenshots] [data-shot][data-state=unsaved]').waitFor({ timeout: 20_000 })
    await w(page, '[data-not-stored]').waitFor({ timeout: 5_000 })
    // The text's debounced write was tried (and refused) before the reload.
    await page.waitForTimeout(1_000)
    await reload(page)
    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toBe(TYPED)
  })
})
