import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, launch, type Page, type Session } from './browser.js'

// Issue 19, points 1 (report form), 2 (attachments), 4 (tracking) and 7 (report form offline).
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let s: Session

beforeAll(async () => {
  s = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
})
afterAll(async () => {
  await s?.close()
})

const shadow = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
type HelpWindow = {
  help: {
    open(view: string, params?: unknown): void
    client(): Promise<{
      transport(): Promise<{ createTicket(i: unknown, o: unknown): Promise<{ id: string; reference: string }> }>
    }>
  }
}

async function agentPost(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}/v1/agent${path}`, {
    method: 'POST',
    headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

async function noViolations(page: Page): Promise<void> {
  expect(await axe(page)).toEqual([])
}

/** A noisy PNG (so the prepared image is a few hundred KB and its upload takes several progress events). */
async function noisePng(page: Page, size: number): Promise<Buffer> {
  const b64 = await page.evaluate(async (n) => {
    const c = new OffscreenCanvas(n, n)
    const ctx = c.getContext('2d')!
    const img = ctx.createImageData(n, n)
    for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256)
    ctx.putImageData(img, 0, 0)
    const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer())
    let bin = ''
    for (const b of bytes) bin += String.fromCharCode(b)
    return btoa(bin)
  }, size)
  return Buffer.from(b64, 'base64')
}

describe('report form (zh-CN, phone)', () => {
  it('guesses the category from the tapped transaction, with icons grouped by urgency', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=craft-cat-${Date.now()}`)
    // The first demo transaction is a failed payment, the second a pending transfer.
    await page.locator('[data-testid=report-tx]').first().click()
    await shadow(page, '[data-group=suggested] [data-category=payment_failed][data-suggested]').waitFor()
    expect(
      await shadow(page, '[data-group]').evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))),
    ).toEqual(['suggested', 'urgent', 'money', 'other'])
    expect(
      await shadow(page, '[data-group=urgent] [data-category]').evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-category')),
      ),
    ).toContain('unauthorized')
    expect(await shadow(page, '[data-categories] [data-category] svg').count()).toBe(12)
    await noViolations(page)
    await page.keyboard.press('Escape')
    await page.locator('[data-testid=report-tx]').nth(1).click()
    await shadow(page, '[data-group=suggested] [data-category=transfer_delayed]').waitFor()
  })

  it('a transaction picked after a refused submit fills its fields, un-flags them and collapses the picker', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=craft-form-${Date.now()}`)
    await page.evaluate(() =>
      (window as unknown as HelpWindow).help.open('report', { category: 'charged_not_received' }),
    )
    await shadow(page, '[data-submit]:not([disabled])').waitFor()
    // The minimum is visible before any error: a live counter under the description.
    expect(await shadow(page, '[data-counter]').getAttribute('data-counter')).toBe('short')
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-errors] p').waitFor()
    expect(await shadow(page, '[aria-invalid=true]').count()).toBeGreaterThanOrEqual(6)
    await noViolations(page)

    // Every state the fields' section passes through after the pick, frame by frame: the fields
    // the card now shows must never flash open (flagged by the refused submit) before closing.
    await page.evaluate(() => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      const seen: string[] = []
      ;(window as unknown as { txFieldStates: string[] }).txFieldStates = seen
      new MutationObserver(() => {
        const state = root.querySelector('[data-tx-fields]')?.getAttribute('data-tx-fields') ?? 'none'
        if (seen.at(-1) !== state) seen.push(state)
      }).observe(root, { subtree: true, childList: true, attributes: true })
    })
    await shadow(page, '[data-recent-transactions] [data-tx]').first().click()
    await shadow(page, '[data-tx-section=picked] [data-current-tx]').waitFor()
    // One summary card; the picker is gone and focus is on the card.
    expect(await shadow(page, '[data-recent-transactions]').count()).toBe(0)
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement?.hasAttribute('data-current-tx'),
        ),
      )
      .toBe(true)
    // The fields the card shows are not asked again and not flagged; only the description is.
    expect(await shadow(page, '[data-tx-fields=closed]').count()).toBe(1)
    expect(await page.evaluate(() => (window as unknown as { txFieldStates: string[] }).txFieldStates)).not.toContain(
      'open',
    )
    for (const name of ['transactionId', 'time', 'amount', 'currency', 'counterparty']) {
      expect(await shadow(page, `[data-field=${name}]`).count()).toBe(0)
    }
    expect(await shadow(page, '[aria-invalid=true]').count()).toBe(1)
    expect(await shadow(page, '[data-errors]').textContent()).toContain('有 1 项需要修改')
    await noViolations(page)

    // "Edit details" shows them, filled and valid.
    await shadow(page, '[data-tx-edit]').click()
    await shadow(page, '[data-tx-fields=open] [data-field=amount] input').waitFor()
    expect(await shadow(page, '[data-field=amount] input').inputValue()).toBe('128.50')
    expect(await shadow(page, '[data-tx-fields] [aria-invalid=true]').count()).toBe(0)

    // Errors follow every change: the description's error goes as soon as it is long enough.
    await shadow(page, '[data-field=description] textarea').fill('付款后商家说没收到钱')
    await shadow(page, '[data-counter=met]').waitFor()
    expect(await shadow(page, '[aria-invalid=true]').count()).toBe(0)
    expect((await shadow(page, '[data-errors]').textContent())?.trim()).toBe('')

    // Submit: sticky at the bottom of the scrolling sheet, as wide as the form.
    const geometry = await shadow(page, '[data-submit]').evaluate((b) => {
      const bar = b.parentElement!
      return {
        position: getComputedStyle(bar).position,
        button: b.getBoundingClientRect().width,
        form: b.closest('form')!.getBoundingClientRect().width,
      }
    })
    expect(geometry.position).toBe('sticky')
    expect(geometry.button).toBeGreaterThanOrEqual(geometry.form - 1)
    await noViolations(page)
  })
})

describe('attachments (en)', () => {
  it('shows each file as a thumbnail with ×, real upload progress, then thumbnails in the request', async () => {
    const { page, browser } = s
    await page.goto(`${baseUrl}/?locale=en&user=craft-shot-${Date.now()}`)
    await page.locator('[data-testid=report-tx]').first().click()
    await shadow(page, '[data-category=charged_not_received]').click()
    await shadow(page, '[data-submit]:not([disabled])').waitFor()
    await shadow(page, '[data-field=description] textarea').fill('The shop says the money never arrived.')

    // A file that is not an image: a failed tile with its reason, removable with ×.
    await shadow(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    })
    await shadow(page, '[data-shot="1"][data-state=failed]').waitFor()
    await noViolations(page)
    await shadow(page, '[data-shot="1"] [data-remove]').click()
    await expect.poll(() => shadow(page, '[data-shot]').count()).toBe(0)

    const png = await noisePng(page, 600)
    await shadow(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await shadow(page, '[data-shot="1"][data-state=ready] img').waitFor()
    expect(await shadow(page, '[data-shot="1"] [data-remove]').getAttribute('aria-label')).toBe('Remove Screenshot 1')
    // Focus stays with the file just added.
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement?.hasAttribute('data-remove'),
        ),
      )
      .toBe(true)
    await noViolations(page)

    // Record every state the tile goes through.
    await page.evaluate(() => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      const seen: string[] = []
      ;(window as unknown as { seen: string[] }).seen = seen
      new MutationObserver(() => {
        const tile = root.querySelector('[data-shot="1"]')
        if (!tile) return
        const bar = tile.querySelector('progress')
        seen.push(`${tile.getAttribute('data-state')}:${bar ? bar.value : ''}`)
      }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    // A slow uplink (DevTools throttling) so the upload takes a few seconds and reports as it goes.
    const cdp = await browser.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    })
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-shot="1"][data-state=uploading] progress').waitFor()
    await noViolations(page)
    await shadow(page, '[data-result=sent]').waitFor({ timeout: 30_000 })
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    await cdp.detach()
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    // Values in between, from the upload events (not a jump from 0 to done), then done.
    const percents = seen.filter((x) => x.startsWith('uploading:')).map((x) => Number(x.slice('uploading:'.length)))
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true)
    expect(percents).toEqual([...percents].sort((a, b) => a - b))
    expect(seen.at(-1)).toBe('done:')

    // The request shows the picture, not a bare file name.
    await shadow(page, 'button:has-text("Go to My requests")').click()
    await shadow(page, '[data-ticket]').first().click()
    const thumb = shadow(page, '[data-attachments] img').first()
    await thumb.waitFor()
    await expect.poll(() => thumb.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    expect(await thumb.getAttribute('alt')).toMatch(/^Attachment 1: /)
    await noViolations(page)
  })
})

describe('tracking (en)', () => {
  it('offers the next action when empty; shows stepper, next step, marks and copy on a request', async () => {
    const { page, browser } = s
    const user = `craft-track-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&user=${user}`)
    await page.evaluate(() => (window as unknown as HelpWindow).help.open('requests'))
    await shadow(page, '[data-empty] [data-empty-report]').waitFor()
    expect(await shadow(page, '[data-empty] [data-empty-chat]').count()).toBe(1)
    await noViolations(page)
    await shadow(page, '[data-empty-report]').click()
    await shadow(page, '[data-view=report] [data-categories]').waitFor()

    // A high-priority report, then an agent answers and starts working on it.
    const ticket = await page.evaluate(async () => {
      const tr = await (await (window as unknown as HelpWindow).help.client()).transport()
      return tr.createTicket(
        {
          category: 'wrong_recipient',
          subject: 'Sent to the wrong person · 2000.00 CNY',
          description: 'I typed the wrong account number.',
          fields: { intendedRecipient: 'Zhang San', amount: '2000.00', currency: 'CNY' },
          transaction: {
            id: 'T2026112300018842',
            time: '2026-11-23T09:30:00+08:00',
            amount: '2000.00',
            currency: 'CNY',
            counterparty: 'Li Si',
            status: 'succeeded',
          },
          attachments: [],
          priority: 'high',
          locale: 'en',
        },
        { idempotencyKey: `k-${Math.random()}` },
      )
    })
    await agentPost(`/tickets/${ticket.id}/comments`, {
      body: 'We are contacting the receiving bank.',
      agentName: 'Mei',
    })

    await page.evaluate(() => (window as unknown as HelpWindow).help.open('requests'))
    const row = shadow(page, `[data-ticket="${ticket.id}"]`)
    await row.locator('[data-urgent]').waitFor()
    await row.locator('[data-unread]').waitFor()
    await noViolations(page)
    await row.click()
    await shadow(page, '[data-steps=working] [aria-current=step][data-step=working]').waitFor()
    expect(await shadow(page, '[data-step]').count()).toBe(4)
    expect(await shadow(page, '[data-next=open]').textContent()).toContain('Next:')
    expect(await shadow(page, '[data-summary-tx]').textContent()).toContain('2000.00 CNY')
    expect(await shadow(page, '[data-summary]').textContent()).toContain('Zhang San')

    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl })
    await shadow(page, '[data-copy]').click()
    await shadow(page, '[data-copied=copied]').waitFor()
    expect(await shadow(page, '[data-copied]').textContent()).toContain('Reference number copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ticket.reference)
    await noViolations(page)

    // Seen now: back in the list the "new reply" mark is gone, the urgent one stays.
    await page.evaluate(() => (window as unknown as HelpWindow).help.open('requests'))
    await row.locator('[data-urgent]').waitFor()
    await expect.poll(() => row.locator('[data-unread]').count()).toBe(0)
  })
})

describe('report form offline (point 7)', () => {
  it('opens from a transaction with no network once the launcher has prefetched while idle', async () => {
    const fresh = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    try {
      const { page, browser } = fresh
      await page.goto(`${baseUrl}/?locale=zh-CN&user=craft-offline-${Date.now()}`)
      // A first visit prefetches after the user's first tap in the wallet page (not before any interaction).
      await page.mouse.click(5, 5)
      await page.locator('[data-help-feedback][data-prefetched]').waitFor({ state: 'attached', timeout: 20_000 })
      // Lie-fi: requests neither answer nor fail (the worst case: fetches hang until their timeouts).
      await browser.route('**/*', () => undefined)
      await page.locator('[data-testid=report-tx]').first().click()
      await shadow(page, '[data-category=payment_failed][data-suggested]').click({ timeout: 10_000 })
      await shadow(page, '[data-submit]:not([disabled])').waitFor({ timeout: 10_000 })
      await shadow(page, '[data-tx-section=picked]').waitFor()
      await noViolations(page)
    } finally {
      await fresh.close()
    }
  })
})
