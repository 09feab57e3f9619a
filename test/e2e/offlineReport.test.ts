import { describe, expect, inject, it } from 'vitest'
import { agentGet, ticketsOf } from './agentApi.js'
import type { Request } from 'playwright-core'
import { chromium } from './session.js'

// A report written offline survives a reload and reaches the server exactly once, masked.
const baseUrl = inject('baseUrl')
const s = chromium()

type Detail = { description: string; fields: Record<string, unknown>; attachments?: unknown[] }

describe('report a problem while offline', () => {
  it('queues durably, survives a reload, and creates exactly one masked ticket once back online', async () => {
    const { page, browser } = s
    const userId = `offline-${Date.now()}`
    const card = '4111 1111 1111 1111'
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    // Identify while online, then lose the API: the page itself stays loadable, the backend does not.
    await page.locator('[data-testid=report-tx]').first().click()
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    await shadow('[data-category=charged_not_received]').click()
    await shadow('[data-submit]:not([disabled])').waitFor()
    // Every API request the browser makes from here on, and what became of it: a ticket on the
    // server while the API is cut off would show here how it got through.
    // Requests started before the cut (the sign-in of the panel opening) may still be answered.
    const seen: string[] = []
    const afterCut = new Set<Request>()
    const api = (r: Request) => r.url().startsWith(`${baseUrl}/v1/`)
    const onRequest = (r: Request) => void (api(r) && afterCut.add(r) && seen.push(`${r.method()} ${r.url()}`))
    const onFailed = (r: Request) => void (afterCut.has(r) && seen.push(`failed ${r.method()} ${r.url()}`))
    const onFinished = (r: Request) => void (afterCut.has(r) && seen.push(`answered ${r.method()} ${r.url()}`))
    browser.on('request', onRequest)
    browser.on('requestfailed', onFailed)
    browser.on('requestfinished', onFinished)
    await browser.route(`${baseUrl}/v1/**`, (route) => route.abort('internetdisconnected'))
    try {
      await browser.setOffline(true)
      await shadow('[data-field=description] textarea').fill(
        `I paid with card ${card} and the shop never got the money`,
      )
      await shadow('[data-submit]').click()
      await shadow('[data-result=queued]').waitFor()

      // Leave the page and come back with the API still unreachable: the report must still be there,
      // queued. The page is left while offline so that no request of the page going away is in
      // flight as it unloads (Playwright lets a request it cannot tie to a frame through unrouted).
      await page.goto('about:blank')
      await browser.setOffline(false)
      await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
      await page.getByTestId('help-entry').click()
      await shadow('[data-entry=requests]').click()
      // My requests lists it as waiting to send (an outbox job, not yet a ticket).
      await shadow('[data-job]').first().waitFor()
      expect(await ticketsOf(userId), seen.join('\n')).toEqual([])
      expect(seen.filter((r) => r.startsWith('answered'))).toEqual([])
    } finally {
      await browser.setOffline(false)
      await browser.unroute(`${baseUrl}/v1/**`)
      browser.off('request', onRequest)
      browser.off('requestfailed', onFailed)
      browser.off('requestfinished', onFinished)
    }

    // Back online: the outbox delivers it, once.
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect
      .poll(async () => (await ticketsOf(userId)).length, {
        timeout: 30_000,
      })
      .toBe(1)
    // Reload once more and run the outbox to the end: still exactly one.
    await page.reload()
    expect(
      await page.evaluate(async () => {
        type Outbox = { flush(): Promise<void>; list(): Promise<unknown[]> }
        const client = await (
          window as unknown as { help: { client(): Promise<{ services(): Promise<{ outbox: Outbox }> }> } }
        ).help.client()
        const { outbox } = await client.services()
        await outbox.flush()
        return (await outbox.list()).length
      }),
    ).toBe(0)
    const mine = await ticketsOf(userId)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.category).toBe('charged_not_received')
    const detail = await agentGet<Detail>(`/tickets/${mine[0]!.id}`)
    expect(detail.description).not.toContain('4111 1111 1111 1111')
    expect(detail.description).not.toMatch(/4111\s?1111\s?1111/)
    expect(detail.description).toMatch(/1111/)
  })

  it('keeps a half-written report with its screenshot across a reload, then sends both', async () => {
    const { page } = s
    const userId = `draft-${Date.now()}`
    // A 1×1 PNG: the SDK decodes and re-encodes it on the device like any screenshot.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    const shadow = (sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
    const openReport = async () => {
      await page.locator('[data-testid=report-tx]').first().click()
      await shadow('[data-category=charged_not_received]').click()
      await shadow('[data-submit]:not([disabled])').waitFor()
    }
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await openReport()
    await shadow('[data-field=description] textarea').fill('Refund promised on Monday, still nothing')
    await shadow('[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'refund.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await shadow('img[alt="Screenshot 1"]').waitFor()
    // The screenshot's draft is written (files are kept by the asynchronous store only), then
    // the page goes away without sending.
    await page.evaluate(async () => {
      const client = await (
        window as unknown as {
          help: { client(): Promise<{ services(): Promise<{ drafts: { flush(): Promise<void> } }> }> }
        }
      ).help.client()
      await (await client.services()).drafts.flush()
    })
    await page.reload()

    // The panel comes back on the form by itself (it was open), with the draft.
    await shadow('[data-view=report] form[data-category=charged_not_received]').waitFor({ timeout: 20_000 })
    await shadow('[data-draft-restored]').waitFor()
    await shadow('img[alt="Screenshot 1"]').waitFor()
    expect(await shadow('[data-field=description] textarea').inputValue()).toBe(
      'Refund promised on Monday, still nothing',
    )
    await shadow('[data-submit]').click()
    await shadow('[data-result=sent]').waitFor({ timeout: 15_000 })
    const mine = await ticketsOf(userId)
    expect(mine).toHaveLength(1)
    expect((await agentGet<Detail>(`/tickets/${mine[0]!.id}`)).attachments).toHaveLength(1)
  })
})
