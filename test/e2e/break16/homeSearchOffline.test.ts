import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// A user whose network is gone opens the panel and types in the search box before the help
// index was ever downloaded. Before, nothing appeared under the box at all, no results, no message,
// however long they waited (the help chunk was not in the idle prefetch either; it is now, see
// test/e2e/offline/helpSearchOffline.test.ts). The box must say why, and search once the network
// is back and they type again.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('the home search box offline before the help index was ever downloaded', () => {
  it('says so when the user types, and searches when they type again back online', async () => {
    const s = await session.start()
    const options = restOptions('en', `articles: { url: '/search-index.json' },`)
    const url = await serve(s.browser, baseUrl, 'home-offline', snippetPage(options))
    await s.page.goto(`${url}?u=home-offline-${Date.now()}`)
    await s.page.click('h1')
    await s.page.locator('[data-help-feedback][data-prefetched]').waitFor({ state: 'attached', timeout: 20_000 })

    await s.browser.setOffline(true)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const input = shadow(s.page, 'input[type=search]').first()
    await input.waitFor()
    await input.fill('refund')
    await shadow(s.page, ':text("help articles have not been downloaded yet")').waitFor({ timeout: 10_000 })

    await s.browser.setOffline(false)
    await input.fill('refunds')
    await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })
    expect(await panelText(s.page)).not.toContain('have not been downloaded')
  })

  it('says this part could not be loaded when the help chunk itself does not arrive, and loads it on the next query', async () => {
    // Offline before the idle prefetch was done: Home's help part (its chunk) never came.
    const s = await session.start()
    const options = restOptions('en', `articles: { url: '/search-index.json' },`)
    const url = await serve(s.browser, baseUrl, 'home-chunk', snippetPage(options))
    let blocked = true
    await s.page.route('**/chunks/homeHelp-*.js', (route) => (blocked ? route.abort() : route.continue()))
    await s.page.goto(`${url}?u=home-chunk-${Date.now()}`)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const input = shadow(s.page, 'input[type=search]').first()
    await input.fill('refund')
    await shadow(s.page, '[role=alert]:has-text("could not be loaded")').waitFor({ timeout: 10_000 })

    blocked = false
    await input.fill('refunds')
    await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })
    expect(await panelText(s.page)).not.toContain('could not be loaded')
  })
})
