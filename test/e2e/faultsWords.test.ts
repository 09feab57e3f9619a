/**
 * What the user reads and keeps when things go wrong, in real Chromium against the real server:
 * the right words for "offline" and "the service is not answering", the report form opening
 * without a network, a read-only server answering 503 + Retry-After, text typed in the last
 * moments before the page went away, and the locale that the host asked for last.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let s: Session

beforeAll(async () => {
  s = await launch()
})
afterAll(async () => {
  await s?.close()
})

const shadow = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)

async function agent<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/v1/agent${path}`, { headers: { 'X-Agent-Key': agentKey } })
  expect(res.ok).toBe(true)
  return (await res.json()) as T
}
void agent

async function openReport(page: Page) {
  await page.locator('[data-testid=report-tx]').first().click()
  await shadow(page, '[data-category=charged_not_received]').click()
  await shadow(page, '[data-submit]:not([disabled])').waitFor()
}

async function openChat(page: Page) {
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=chat]').click()
  await shadow(page, '.chat[data-ready]').waitFor()
}

describe('last-moment text', () => {
  it('text typed just before the page goes away is in the draft (report form and chat composer)', async () => {
    const { page } = s
    const userId = `lastwords-${Date.now()}`
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await openReport(page)
    const description = shadow(page, '[data-field=description] textarea')
    // Typed key by key, then the page reloads at once: far inside the drafts' typing pause.
    await description.pressSequentially('The shop says it never got my payment')
    await page.reload()
    await openReport(page)
    await shadow(page, '[data-draft-restored]').waitFor()
    expect(await description.inputValue()).toBe('The shop says it never got my payment')

    await page.reload()
    await openChat(page)
    const composer = shadow(page, '.chat textarea')
    await composer.pressSequentially('Where is my refund')
    await page.reload()
    await openChat(page)
    await expect.poll(() => composer.inputValue()).toBe('Where is my refund')
  })
})
