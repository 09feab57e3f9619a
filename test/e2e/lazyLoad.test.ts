import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, PANEL_SHOWN, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
let s: Session
beforeAll(async () => {
  s = await launch()
})
afterAll(async () => {
  await s?.close()
})

/** Every script the page requested, as paths with chunk hashes removed (`/dist/chunks/shell.js`). */
function recordScripts(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script')
      seen.push(new URL(r.url()).pathname.replace(/^(\/dist\/chunks\/[\w-]+?)-[\w-]{6}\.js$/, '$1.js'))
  })
  return seen
}

/** Resolves once the page has been idle (no task pending) twice in a row: the SDK's idle work has had its chance. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        const idle = (f: () => void) => requestIdleCallback(() => f(), { timeout: 5000 })
        idle(() => idle(() => done()))
      }),
  )

describe('what the wallet demo loads in a fresh profile', () => {
  it('before any interaction: the page, the SDK entry and its shell chunk only; the launcher hover then fetches the panel', async () => {
    const { page } = s
    const scripts = recordScripts(page)
    await page.goto(`${baseUrl}/?user=lazy-${Date.now()}`)
    const launcher = page.locator('[data-help-feedback] >> button.launcher')
    await launcher.waitFor()
    await page.waitForLoadState('networkidle')
    await settle(page)
    expect([...new Set(scripts)].sort()).toEqual([
      '/app.js',
      '/dist/chunks/shell.js',
      '/dist/help-feedback.js',
      '/transactions.js',
    ])
    expect(await page.locator('[data-help-feedback][data-prefetched]').count()).toBe(0)

    // Intent: the panel (Preact, runtime, Home) and the headless client come now, before the click.
    await launcher.hover()
    await expect.poll(() => scripts.includes('/dist/chunks/panel.js')).toBe(true)
    await expect.poll(() => scripts.includes('/dist/chunks/client.js')).toBe(true)
    await launcher.click()
    await page.locator('[data-help-feedback] >> [role=dialog] h2').waitFor()
    // Once Home has settled (help cache and storage open, the outbox started), the privacy
    // scanner, report validation and the chat controller are still not loaded: they come
    // with the views that use them, and with no conversation saved the chat code never loads.
    await page.waitForLoadState('networkidle')
    await settle(page)
    expect(scripts).toContain('/dist/chunks/storage.js')
    for (const later of [
      '/dist/chunks/privacy.js',
      '/dist/chunks/ticket.js',
      '/dist/chunks/chat.js',
      '/dist/chunks/ChatView.js',
    ])
      expect([later, scripts.includes(later)]).toEqual([later, false])
    // The demo's REST transport and its strings were loaded for the open, not before.
    expect(scripts).toContain('/transports.js')
    expect(scripts).toContain('/dist/transports/rest.js')
  })

  it('a tap on the launcher: storage and the requests models are requested only after the panel has painted', async () => {
    // A fresh profile: the tap (a hover, then the click at once) loads the runtime to open the panel.
    const fresh = await launch()
    try {
      const { page } = fresh
      await page.goto(`${baseUrl}/?user=lazy-tap-${Date.now()}`)
      const launcher = page.locator('[data-help-feedback] >> button.launcher')
      await launcher.waitFor()
      await page.waitForLoadState('networkidle')
      // Each chunk takes a round trip, as on a phone: the page is idle while the panel's chunks load.
      const cdp = await fresh.browser.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: -1,
        uploadThroughput: -1,
      })
      const shown = page.evaluate<number>(PANEL_SHOWN)
      await launcher.click()
      const shownAt = await shown
      const requested = () =>
        page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime })))
      const chunk = async (name: string) =>
        (await requested()).filter((e) => new RegExp(`/chunks/${name}-[\\w-]{6}\\.js$`).test(new URL(e.url).pathname))
      // Storage opens at idle after the paint (the outbox, a saved chat, the help cache).
      await expect.poll(async () => (await chunk('storage')).length).toBe(1)
      for (const e of [...(await chunk('storage')), ...(await chunk('requests'))])
        expect([e.url, e.start >= shownAt]).toEqual([e.url, true])
    } finally {
      await fresh.close()
    }
  })
})
