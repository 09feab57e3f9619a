import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// The idle prefetch fetches what the panel needs offline, but not the help search's part of
// Home (its results and popular articles come with the help chunk, after the first paint). A
// user whose network is gone opens the panel and types in the search box: before, nothing
// appeared under it at all, no results, no message, however long they waited. The box must say
// that this part could not be loaded, and search once the network is back and they type again.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('the home search box when the help chunk cannot be fetched', () => {
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
    await shadow(s.page, '[role=alert]:has-text("could not be loaded")').waitFor({ timeout: 10_000 })

    await s.browser.setOffline(false)
    await input.fill('refunds')
    await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })
    expect(await panelText(s.page)).not.toContain('could not be loaded')
  })
})
