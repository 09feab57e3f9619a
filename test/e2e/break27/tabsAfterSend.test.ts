/**
 * Two tabs of one browser with the same report form open; one sends. The report sent is not
 * offered again in the other tab after a reload; a report the other tab wrote on its own, in a
 * form that was empty, is not dropped with it.
 */
import { describe, expect, inject, it } from 'vitest'
import { reload, w, type Page } from '../browser.js'
import { chromium } from '../session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

const description = (page: Page) => w(page, '[data-field=description] textarea')

async function openForm(page: Page, user: string) {
  await page.goto(`${baseUrl}/?locale=en&user=${user}`)
  await page.locator('[data-testid=report-tx]').first().click()
  await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
  await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
}

async function sendFrom(page: Page) {
  await w(page, '[data-submit]').click()
  await w(page, '[data-view=report] [data-result]').waitFor({ timeout: 30_000 })
}

/**
 * Tab A and tab B show the same draft of `user`; A sends it; then `then` runs with tab B, which
 * is closed after.
 */
async function sentFromTheOtherTab(user: string, then: (b: Page) => Promise<void>) {
  const a = s.page
  await openForm(a, user)
  await description(a).fill('Tab A: the shop says my payment never arrived.')
  await a.waitForTimeout(1_000)
  const b = await s.browser.newPage()
  try {
    await openForm(b, user)
    await expect.poll(() => description(b).inputValue(), { timeout: 20_000 }).toContain('Tab A')
    await sendFrom(a)
    await then(b)
  } finally {
    await b.close()
  }
}

describe('two tabs, one report form each, one sends', () => {
  it('the report sent is not offered again in the other tab after a reload', async () => {
    const user = `e2e-b27-sent-${Date.now()}`
    await sentFromTheOtherTab(user, async (b) => {
      // Tab B's form, still showing it, saves it again (a keystroke), then the tab reloads.
      await description(b).press('End')
      await description(b).type(' ')
      await b.waitForTimeout(1_000)
      // (The form comes back open after a reload.)
      await reload(b)
      await w(b, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
      await b.waitForTimeout(500)
      expect(await description(b).inputValue()).not.toContain('Tab A')
    })
  })

  it('text typed in the other tab after the send: that tab says so and keeps it, without the report sent', async () => {
    const user = `e2e-b27-after-${Date.now()}`
    await sentFromTheOtherTab(user, async (b) => {
      // Tab B's user goes on typing at the end of the text it restored.
      await description(b).press('End')
      await description(b).type(' A second payment to the bakery failed too.')
      await w(b, '[data-sent-elsewhere]').waitFor({ timeout: 10_000 })
      await expect.poll(() => description(b).inputValue()).toBe('A second payment to the bakery failed too.')
      await b.waitForTimeout(1_000)
      await reload(b)
      await w(b, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
      await expect
        .poll(() => description(b).inputValue(), { timeout: 20_000 })
        .toContain('A second payment to the bakery failed too.')
      expect(await description(b).inputValue()).not.toContain('Tab A')
    })
  })

  it("a report typed in the other tab's empty form after the send is back after its reload", async () => {
    const user = `e2e-b27-own-${Date.now()}`
    const a = s.page
    const b = await s.browser.newPage()
    try {
      // Tab B opens the form first: nothing to restore.
      await openForm(b, user)
      expect(await description(b).inputValue()).toBe('')
      await openForm(a, user)
      await description(a).fill('Tab A: the shop says my payment never arrived.')
      await a.waitForTimeout(1_000)
      await sendFrom(a)
      // Tab B's user writes a report of their own, then the tab reloads.
      const own = 'Tab B: a second payment to another shop failed too.'
      await description(b).fill(own)
      await b.waitForTimeout(1_000)
      await reload(b)
      await expect.poll(() => description(b).inputValue(), { timeout: 20_000 }).toBe(own)
    } finally {
      await b.close()
    }
  })
})
