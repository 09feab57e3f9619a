import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// First visit on a slow network: the user opens the panel and types in the home search box
// before the help index has arrived. The search view says "Loading help articles…" then; the
// home box showed nothing at all under it (no results, no word) until the index came, which on
// a slow network is many seconds. The results must then appear without another keystroke.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('home search before the help index has arrived', () => {
  it('says the articles are loading, then shows the results by itself', async () => {
    const s = await session.start()
    let release: () => void = () => undefined
    const arrived = new Promise<void>((resolve) => (release = resolve))
    await s.browser.route(`${baseUrl}/search-index.json*`, async (route) => {
      await arrived
      await route.continue()
    })
    const options = restOptions('en', `articles: { url: '/search-index.json' },`)
    const url = await serve(s.browser, baseUrl, 'home-loading', snippetPage(options))
    await s.page.goto(`${url}?u=home-loading-${Date.now()}`)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const input = shadow(s.page, 'input[type=search]').first()
    await input.waitFor()
    await input.pressSequentially('refund', { delay: 30 })

    await shadow(s.page, 'p:has-text("Loading help articles…")').waitFor({ timeout: 10_000 })
    release()
    await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })
    expect(await panelText(s.page)).not.toContain('Loading help articles…')
    expect(await input.inputValue()).toBe('refund')
  })
})
