import { afterEach, describe, expect, inject, it } from 'vitest'
import { launch, type Session } from '../browser.js'
import { serve, shadow, snippetPage, transaction } from './host.js'

// README's bundler snippet passes `getUserToken: () => api.supportToken()`. A host whose token
// is not there yet (signed out, still loading) returns undefined. README, API: "Every error the
// SDK throws has a stable code and a localized message"; bad options "throw a ConfigError whose
// path names the option". What the user gets instead is the reference server's validation text,
// in English, inside a Chinese panel, and the report handed back as refused.
const baseUrl = inject('baseUrl')
let s: Session | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

describe('getUserToken resolves to undefined', () => {
  it('the user is not shown a raw schema message', async () => {
    s = await launch()
    const { page } = s
    const url = await serve(
      s.browser,
      baseUrl,
      'token-undefined',
      snippetPage(`{
        transport: { type: 'rest', baseUrl: location.origin, getUserToken: () => undefined },
        locale: 'zh-CN',
        user: { id: window.who },
        onEvent: (e) => hfEvents.push(e.type),
      }`),
    )
    await page.goto(`${url}?u=token-undef-${Date.now()}`)
    await page.evaluate(
      (tx) =>
        (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('report', {
          category: 'charged_not_received',
          transaction: tx,
        }),
      transaction,
    )
    await shadow(page, '[data-field=description] textarea').fill('商家说没有收到钱，但是我的卡已经扣款了')
    await shadow(page, '[data-submit]').click()
    // Wait for the outcome of the first attempt (anything after the job was queued, or the form's
    // result: a report kept for later has no event of its own, README "submit → queued").
    await page.waitForFunction(
      () =>
        (window as unknown as { hfEvents: string[] }).hfEvents.some(
          (e) => e !== 'report:queued' && e.startsWith('report:'),
        ) || !!document.querySelector('[data-help-feedback]')?.shadowRoot?.querySelector('[data-result]'),
      undefined,
      { timeout: 20_000 },
    )
    const text = await shadow(page, '[role=dialog]').innerText()
    expect(text).not.toMatch(/Invalid input|expected string|received undefined/)
    // The host hears about the missing token; the report is kept, not refused.
    const events = await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)
    expect(events).toContain('error')
    expect(events).not.toContain('report:rejected')
  })
})
