/**
 * Real Chromium: the page reloads the moment Send stored the report in the outbox, before its
 * draft's deletion reached IndexedDB. The form after the reload is empty (the report is on its
 * way, not a draft), and the report reaches the server once.
 */
import { describe, expect, inject, it } from 'vitest'
import { reload, w, type Page } from '../browser.js'
import { chromium } from '../session.js'
import { ticketsOf } from '../agentApi.js'
import { TYPED, description } from '../shotFixtures.js'

const baseUrl = inject('baseUrl')
const s = chromium()

async function openForm(page: Page, user: string) {
  await page.goto(`${baseUrl}/?locale=en&user=${user}`)
  await page.locator('[data-testid=report-tx]').first().click()
  await w(page, '[data-group=suggested] [data-category=payment_failed]').click()
  await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
}

/**
 * From now on the page's report drafts are never deleted (their deletion is on its way when the
 * page goes), and `window.hfStored` turns true once the outbox stored a job.
 */
const stallDraftDeletes = (page: Page) =>
  page.evaluate(async () => {
    type Sv = {
      drafts: { clear(key: string, owner?: object): Promise<void> }
      outbox: { enqueue(...a: unknown[]): Promise<string> }
    }
    const win = window as unknown as { help: { client(): Promise<{ services(): Promise<Sv> }> }; hfStored: boolean }
    const { drafts, outbox } = await (await win.help.client()).services()
    const clear = drafts.clear.bind(drafts)
    drafts.clear = (key, owner) => (key.startsWith('report:') ? new Promise(() => {}) : clear(key, owner))
    const enqueue = outbox.enqueue.bind(outbox)
    outbox.enqueue = async (...a) => {
      const id = await enqueue(...a)
      win.hfStored = true
      return id
    }
  })

describe('a reload right after Send', () => {
  it('the form comes back empty, and the report arrives once', async () => {
    const { page } = s
    const user = `e2e-b27-reload-at-send-${Date.now()}`
    await openForm(page, user)
    await description(page).fill(TYPED)
    // The draft is stored (debounced write) before Send.
    await page.waitForTimeout(1_000)
    await stallDraftDeletes(page)
    await w(page, '[data-submit]').click()
    await page.waitForFunction(() => (window as unknown as { hfStored?: boolean }).hfStored === true)
    await reload(page)
    // (The form comes back open after a reload.)
    await w(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
    await page.waitForTimeout(500)
    expect(await description(page).inputValue()).toBe('')
    await expect.poll(async () => (await ticketsOf(user)).length, { timeout: 20_000 }).toBe(1)
    await page.waitForTimeout(1_000)
    expect(await ticketsOf(user)).toHaveLength(1)
  })
})
