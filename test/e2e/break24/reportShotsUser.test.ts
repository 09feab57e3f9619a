/**
 * A screenshot added in the very moment another user signs in (the host's identify() in the task
 * that shows its thumbnail) stays with the user who added it: in real Chromium, its write lands
 * after the device's data switched to the next user.
 */
import { describe, expect, inject, it } from 'vitest'
import { open, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

const baseUrl = inject('baseUrl')
const s = chromium()
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const TX = { id: '4200001234202611231234567890', time: '2026-11-23T09:30:00+08:00', amount: '128.50', currency: 'CNY' }
type Help = { help: { identify(u: { id: string; name: string }): Promise<void> }; signedIn?: Promise<void> }

/** The report form for the demo's failed payment, once its draft (if any) is in. */
async function form(page: Page) {
  await open(page, 'report', { category: 'payment_failed', transaction: TX })
  await w(page, '[data-field=description] textarea').waitFor({ timeout: 20_000 })
  await w(page, '[data-submit]:not([disabled])').waitFor()
}
const shots = (page: Page) => w(page, '[data-field=screenshots] img').count()

describe('a screenshot added as another user signs in', () => {
  it("is not in the next user's report; it is in its author's", async () => {
    const { page } = s
    const alice = `b24-alice-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&transport=memory&user=${alice}`)
    await form(page)
    // The host signs Bob in from the same task as the commit that shows the thumbnail.
    await page.evaluate(() => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      const mo = new MutationObserver(() => {
        if (!root.querySelector('img[alt="Screenshot 1"]')) return
        mo.disconnect()
        const win = window as unknown as Help
        win.signedIn = win.help.identify({ id: 'b24-bob', name: 'Bob' })
      })
      mo.observe(root, { childList: true, subtree: true })
    })
    await w(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await page.waitForFunction(() => (window as unknown as Help).signedIn !== undefined)
    await page.evaluate(() => (window as unknown as Help).signedIn)

    await form(page)
    expect(await shots(page)).toBe(0)

    await page.evaluate((id) => (window as unknown as Help).help.identify({ id, name: 'Alice' }), alice)
    await form(page)
    await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 10_000 })
  })
})
