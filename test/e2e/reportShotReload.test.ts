/**
 * A reload while a screenshot just picked is still being prepared (decoded and re-encoded on
 * the device), in real Chromium: the form comes back with it, prepared then, once, and the report
 * is sent with it. The preparing is held by the test (the page's `createImageBitmap` waits for a
 * gate), so the reload lands before the thumbnail whatever the machine's speed.
 */
import { describe, expect, inject, it } from 'vitest'
import { reload, w, type Page } from './browser.js'
import { chromium } from './session.js'
import { PNG, TYPED, description } from './shotFixtures.js'

const baseUrl = inject('baseUrl')
const s = chromium()

type Win = {
  help: {
    client(): Promise<{
      services(): Promise<{ drafts: { flush(): Promise<void> } }>
      reports: { loadDraft(c: string): Promise<{ files?: unknown[]; pending?: unknown[] } | undefined> }
    }>
  }
  releaseShots?: () => void
}

/** Every image decode in the page waits until `releaseShots()` (never called here: the page goes first). */
const holdPreparing = (page: Page) =>
  page.evaluate(() => {
    const win = window as unknown as Win & { createImageBitmap: typeof createImageBitmap }
    const real = win.createImageBitmap.bind(window)
    const gate = new Promise<void>((r) => (win.releaseShots = r))
    win.createImageBitmap = ((...a: Parameters<typeof createImageBitmap>) =>
      gate.then(() => real(...a))) as typeof createImageBitmap
  })

/** The report's draft as stored on the device now: prepared screenshots and files kept as picked. */
const stored = (page: Page) =>
  page.evaluate(async () => {
    const client = await (window as unknown as Win).help.client()
    await (await client.services()).drafts.flush()
    const draft = await client.reports.loadDraft('payment_failed')
    return { files: draft?.files?.length ?? 0, pending: draft?.pending?.length ?? 0 }
  })

describe('a reload while a screenshot is being prepared', () => {
  it('comes back with it, prepared then, once, and the report is sent with it', async () => {
    const { page } = s
    const sent: Array<{ attachments?: unknown[] }> = []
    await page.route('**/v1/tickets', async (route) => {
      if (route.request().method() === 'POST') sent.push(route.request().postDataJSON() as { attachments?: unknown[] })
      return route.fallback()
    })
    try {
      await page.goto(`${baseUrl}/?locale=en&user=e2e-shot-reload-${Date.now()}`)
      await page.locator('[data-testid=report-tx]').first().click()
      await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
      await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
      await description(page).fill(TYPED)

      await holdPreparing(page)
      await w(page, '[data-field=screenshots] input[type=file]').setInputFiles({
        name: 'receipt.png',
        mimeType: 'image/png',
        buffer: PNG,
      })
      await w(page, '[data-shot="1"][data-state=processing]').waitFor()
      // Kept as picked from the moment it was picked (the thumbnail never showed on this page).
      await expect.poll(() => stored(page), { timeout: 20_000 }).toEqual({ files: 0, pending: 1 })
      expect(await w(page, 'img[alt="Screenshot 1"]').count()).toBe(0)

      await reload(page)
      await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
      await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
      expect(await w(page, '[data-field=screenshots] [data-shot]').count()).toBe(1)
      // Its prepared copy took the place of the file as picked.
      await expect.poll(() => stored(page), { timeout: 20_000 }).toEqual({ files: 1, pending: 0 })

      await w(page, '[data-submit]:not([disabled])').click()
      await w(page, '[data-view=report] [data-result]').waitFor({ timeout: 20_000 })
      expect(sent.map((b) => b.attachments?.length ?? 0)).toEqual([1])
    } finally {
      await page.unroute('**/v1/tickets')
    }
  })
})
