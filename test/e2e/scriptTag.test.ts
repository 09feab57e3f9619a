import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
let s: Session
beforeAll(async () => { s = await launch() })
afterAll(async () => { await s?.close() })

describe('script-tag build', () => {
  it('replays calls queued before it loaded, under a nonce-based CSP', async () => {
    const { page } = s
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${baseUrl}/script-tag.html`)
    const dialog = page.locator('[data-help-feedback] >> [role=dialog]')
    await dialog.waitFor()
    expect(await dialog.locator('h2').textContent()).toBe('Contact us')
    const events = await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)
    expect(events).toEqual(expect.arrayContaining(['widget:open']))
    expect(await page.evaluate(() => typeof (window as unknown as { HelpFeedback: { create: unknown } }).HelpFeedback.create)).toBe('function')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.locator('#open').click()
    await dialog.waitFor()
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([])
  })
})
