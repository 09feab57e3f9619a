/**
 * A reload of the page while the "report a transaction problem" form is open in the panel comes
 * back on that form, in real Chromium: same category, the transaction it was opened from, and
 * what the user typed (from the report's draft). The tab keeps only the category and the
 * transaction's id for it, nothing typed; nothing opens after a reload with the panel
 * closed, nor once the report is sent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { isOpen, launch, open, reload, w, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
let s: Session
const pageErrors: string[] = []

beforeAll(async () => {
  s = await launch()
  s.page.on('pageerror', (e) => pageErrors.push(e.message))
})
afterAll(async () => {
  await s?.close()
})

/** The demo's first transaction: a failed card payment. */
const FAILED_PAYMENT = '4200001234202611231234567890'
const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing. Card 6217 0000 1111 2222.'

const description = (page: Page) => w(page, '[data-field=description] textarea')
/** A 1×1 PNG: the SDK decodes and re-encodes it on the device like any screenshot. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const RECEIPT = { name: 'receipt.png', mimeType: 'image/png', buffer: PNG }
/** Writes the drafts now (screenshots are kept by the asynchronous store only, not on pagehide). */
const flushDrafts = (page: Page) =>
  page.evaluate(async () => {
    const client = await (
      window as unknown as {
        help: { client(): Promise<{ services(): Promise<{ drafts: { flush(): Promise<void> } }> }> }
      }
    ).help.client()
    await (await client.services()).drafts.flush()
  })
const tabStorage = (page: Page) => page.evaluate(() => JSON.stringify({ ...sessionStorage }))

/** From the wallet's list: "Report" on the failed payment, then its suggested category. */
async function openFormFromTransaction(page: Page, user: string) {
  await page.goto(`${baseUrl}/?locale=en&user=${user}-${Date.now()}`)
  await page.locator('[data-testid=report-tx]').first().click()
  await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
  await description(page).waitFor({ timeout: 20_000 })
  await w(page, '[data-submit]:not([disabled])').waitFor()
}

/**
 * The backend refuses the first report with a field error (400 `rejected`, protocol §1.2); the
 * ones after it go through, each body handed to `onSent`. `count`: the refusals so far.
 */
async function refuseOnce(page: Page, onSent?: (body: unknown) => void): Promise<{ count: number }> {
  const refused = { count: 0 }
  await page.route('**/v1/tickets', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback()
    if (refused.count) {
      onSent?.(route.request().postDataJSON())
      return route.fallback()
    }
    refused.count++
    await route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'rejected', message: 'Invalid request', fields: { 'fields.orderId': 'Unknown order' } },
      }),
    })
  })
  return refused
}

describe('the report form across a reload', () => {
  it('comes back on the form with its transaction and the text typed; the tab keeps no text', async () => {
    const { page } = s
    await openFormFromTransaction(page, 'e2e-report-reload')
    await description(page).fill(TYPED)
    // What the tab keeps for the reload: the category and the transaction's id only.
    const stored = JSON.parse(await tabStorage(page)) as Record<string, string>
    expect(stored).toEqual({
      'help-feedback:report': JSON.stringify({ category: 'payment_failed', transactionId: FAILED_PAYMENT }),
    })
    expect(await tabStorage(page)).not.toContain('counter')

    await reload(page)
    expect(await isOpen(page)).toBe(true)
    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
    // The card number typed was masked in the draft; the rest is what was typed.
    expect(await description(page).inputValue()).not.toContain('1111 2222')
    expect(await w(page, '[data-current-tx]').getAttribute('data-current-tx')).toBe(FAILED_PAYMENT)
    expect(await w(page, '[data-view=report] form').getAttribute('data-category')).toBe('payment_failed')
    // The transaction's own fields say what its card says: they stay folded behind it.
    expect(await w(page, '[data-tx-edit]').getAttribute('aria-expanded')).toBe('false')
    expect(await tabStorage(page)).not.toContain('counter')

    // A second reload comes back again; Back to Home leaves it, and the next reload opens nothing.
    await reload(page)
    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
    await w(page, 'button[aria-label="Back"]').click()
    await w(page, '[data-entry=chat]').waitFor()
    await reload(page)
    expect(await isOpen(page)).toBe(false)
    expect(pageErrors).toEqual([])
  })

  it('nothing typed, an urgent category: back on its form, not its guidance, with the transaction from the wallet', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-report-reload-urgent-${Date.now()}`)
    await page.locator('[data-testid=report-tx]').first().click()
    await w(page, '[data-category=unauthorized]').click()
    await w(page, '[data-guidance=fraud] [data-continue]').click()
    await description(page).waitFor({ timeout: 20_000 })

    await reload(page)
    await expect
      .poll(() => w(page, '[data-view=report] form').getAttribute('data-category'), { timeout: 20_000 })
      .toBe('unauthorized')
    expect(await w(page, '[data-guidance]').count()).toBe(0)
    // No draft was written (nothing typed): the transaction is the wallet's, found by its id.
    expect(await w(page, '[data-current-tx]').getAttribute('data-current-tx')).toBe(FAILED_PAYMENT)
    expect(pageErrors).toEqual([])
  })

  it('closed before the reload: nothing opens (the draft is still there when it is opened again)', async () => {
    const { page } = s
    await openFormFromTransaction(page, 'e2e-report-reload-closed')
    await description(page).fill(TYPED)
    await w(page, 'button[aria-label="Close"]').click()
    await expect.poll(() => isOpen(page)).toBe(false)

    await reload(page)
    expect(await isOpen(page)).toBe(false)
    expect(await w(page, '.frame').textContent()).toBe('')
    expect(await tabStorage(page)).toBe('{}')
    await open(page, 'report', { category: 'payment_failed' })
    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
    expect(pageErrors).toEqual([])
  })

  it('sent before the reload: nothing opens', async () => {
    const { page } = s
    await openFormFromTransaction(page, 'e2e-report-reload-sent')
    await description(page).fill(TYPED)
    await w(page, '[data-submit]').click()
    await w(page, '[data-view=report] [data-result]').waitFor({ timeout: 20_000 })
    expect(await tabStorage(page)).toBe('{}')

    await reload(page)
    expect(await isOpen(page)).toBe(false)
    expect(pageErrors).toEqual([])
  })

  it('refused by the server, a screenshot added while fixing it: back after a reload, and sent with it', async () => {
    const { page } = s
    const sent: Array<{ attachments?: unknown[] }> = []
    const refused = await refuseOnce(page, (body) => sent.push(body as { attachments?: unknown[] }))
    try {
      await openFormFromTransaction(page, 'e2e-report-reload-refused-shot')
      await description(page).fill(TYPED)
      await w(page, '[data-submit]').click()
      await w(page, '[data-errors] p').waitFor({ timeout: 20_000 })
      // The fix: a screenshot of the receipt.
      await w(page, '[data-field=screenshots] input[type=file]').setInputFiles({
        name: 'receipt.png',
        mimeType: 'image/png',
        buffer: PNG,
      })
      await w(page, 'img[alt="Screenshot 1"]').waitFor()
      await w(page, '[data-submit]:not([disabled])').waitFor()
      // The screenshot is saved beside the refused job (its chunk and storage may still be
      // loading when the thumbnail shows): the reload comes once it is stored, as for the text.
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const { jobId } = JSON.parse(sessionStorage.getItem('help-feedback:report') ?? '{}') as { jobId?: string }
              const help = (
                window as unknown as {
                  help: {
                    client(): Promise<{ reports: { reopen(id: string): Promise<{ files: unknown[] } | undefined> } }>
                  }
                }
              ).help
              return jobId ? ((await (await help.client()).reports.reopen(jobId))?.files.length ?? 0) : 0
            }),
          { timeout: 20_000 },
        )
        .toBe(1)
      await flushDrafts(page)

      await reload(page)
      await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
      await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
      await w(page, '[data-submit]:not([disabled])').waitFor()
      await w(page, '[data-submit]').click()
      await w(page, '[data-view=report] [data-result=sent]').waitFor({ timeout: 20_000 })
      expect(refused.count).toBe(1)
      expect(sent.map((b) => b.attachments?.length ?? 0)).toEqual([1])
      expect(pageErrors).toEqual([])
    } finally {
      await page.unroute('**/v1/tickets')
    }
  })

  it('refused by the server, being fixed: back on that report, refused, with its text, and no second report', async () => {
    const { page } = s
    const refused = await refuseOnce(page)
    try {
      await openFormFromTransaction(page, 'e2e-report-reload-refused')
      await description(page).fill(TYPED)
      // What the tab holds at the very moment the refusal shows (a reload right then must find
      // the report): read when the errors enter the DOM, before any later frame.
      await page.evaluate(() => {
        const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
        const seen = new MutationObserver(() => {
          if (!root.querySelector('[data-errors] p')) return
          ;(window as unknown as { atRefusal: string }).atRefusal = JSON.stringify({ ...sessionStorage })
          seen.disconnect()
        })
        seen.observe(root, { subtree: true, childList: true })
      })
      await w(page, '[data-submit]').click()
      await w(page, '[data-errors] p').waitFor({ timeout: 20_000 })
      const marker = await page.evaluate(() => (window as unknown as { atRefusal: string }).atRefusal)
      expect(Object.keys(JSON.parse(marker) as object)).toEqual(['help-feedback:report'])
      expect(Object.keys(JSON.parse((JSON.parse(marker) as Record<string, string>)['help-feedback:report']!))).toEqual([
        'jobId',
      ])

      await reload(page)
      expect(await isOpen(page)).toBe(true)
      // The refused report itself (from the outbox), not an empty form of its category.
      await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
      expect(await description(page).inputValue()).not.toContain('1111 2222')
      await w(page, '[data-errors] p').waitFor({ timeout: 20_000 })
      // Sent again as it is (the server takes it now): one report.
      await w(page, '[data-submit]').click()
      await w(page, '[data-view=report] [data-result]').waitFor({ timeout: 20_000 })
      expect(refused.count).toBe(1)
      expect(await tabStorage(page)).toBe('{}')
      expect(pageErrors).toEqual([])
    } finally {
      await page.unroute('**/v1/tickets')
    }
  })

  // A user adds a screenshot and the page goes away at once (a tap on a notification, the WebView
  // reloaded): nothing waits for the drafts to be written first.
  it('a screenshot added to a new report: back after a reload right after its thumbnail shows', async () => {
    const { page } = s
    await openFormFromTransaction(page, 'e2e-report-reload-shot-now')
    await description(page).fill(TYPED)
    await w(page, '[data-field=screenshots] input[type=file]').setInputFiles(RECEIPT)
    await w(page, 'img[alt="Screenshot 1"]').waitFor()

    await reload(page)
    await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
    await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
    expect(pageErrors).toEqual([])
  })

  it('a screenshot added to a refused report: back after a reload right after its thumbnail shows', async () => {
    const { page } = s
    const refused = await refuseOnce(page)
    try {
      await openFormFromTransaction(page, 'e2e-report-reload-refused-shot-now')
      await description(page).fill(TYPED)
      await w(page, '[data-submit]').click()
      await w(page, '[data-errors] p').waitFor({ timeout: 20_000 })
      await w(page, '[data-field=screenshots] input[type=file]').setInputFiles(RECEIPT)
      await w(page, 'img[alt="Screenshot 1"]').waitFor()

      await reload(page)
      await expect.poll(() => description(page).inputValue(), { timeout: 20_000 }).toContain('I paid at the counter')
      await w(page, '[data-errors] p').waitFor({ timeout: 20_000 })
      await w(page, 'img[alt="Screenshot 1"]').waitFor({ timeout: 20_000 })
      expect(refused.count).toBe(1)
      expect(pageErrors).toEqual([])
    } finally {
      await page.unroute('**/v1/tickets')
    }
  })
})
