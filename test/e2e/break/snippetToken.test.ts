import { describe, expect, inject, it } from 'vitest'
import { openReport, restOptions, sessions, shadow } from './host.js'

// README's bundler snippet passes `getUserToken: () => api.supportToken()`. A host whose token
// is not there yet (signed out, still loading) returns undefined. README, API: "Every error the
// SDK throws has a stable code and a localized message"; bad options "throw a ConfigError whose
// path names the option". What the user gets instead is the reference server's validation text,
// in English, inside a Chinese panel, and the report handed back as refused.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('getUserToken resolves to undefined', () => {
  it('the user is not shown a raw schema message', async () => {
    const s = await session.start()
    const options = restOptions('zh-CN', 'onEvent: (e) => hfEvents.push(e.type),', '() => undefined')
    const page = await openReport(s, baseUrl, 'token-undefined', options, `token-undef-${Date.now()}`)
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
