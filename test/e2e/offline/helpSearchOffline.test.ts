import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// Help search is meant to work offline: the index is kept on the device after a first visit.
// But the idle prefetch fetched the report, requests and contact views and not the help search's
// code, so a user whose network went after the page loaded (a lift, a tunnel) typed in Home's
// search box and read that this part of the panel could not be loaded, with the index sitting in
// IndexedDB. Here: a first visit caches the index, a reload starts a fresh page, the prefetch
// runs, the network goes, and only then does the user open the panel and search.
const baseUrl = inject('baseUrl')
const session = sessions()

type Session = Awaited<ReturnType<typeof session.start>>
const open = (s: Session, view: string) =>
  s.page.evaluate((v) => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open(v), view)

/**
 * A first visit uses help search once, which stores the index on the device; then a fresh page
 * loads, the panel never opened, the idle prefetch finishes, and the network goes.
 */
async function cachedThenOffline(name: string): Promise<Session> {
  const s = await session.start()
  const options = restOptions('en', `articles: { url: '/search-index.json' },`)
  const url = await serve(s.browser, baseUrl, name, snippetPage(options))
  const page = `${url}?u=${name}-${Date.now()}`
  await s.page.goto(page)
  await open(s, 'home')
  await shadow(s.page, 'input[type=search]').first().fill('refund')
  await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })

  await s.page.goto(page)
  await s.page.click('h1')
  await s.page.locator('[data-help-feedback][data-prefetched]').waitFor({ state: 'attached', timeout: 20_000 })
  await s.browser.setOffline(true)
  return s
}

describe('help search with the network gone after the page loaded', () => {
  it('finds articles from the index cached on an earlier visit', async () => {
    const s = await cachedThenOffline('help-offline')
    try {
      await open(s, 'home')
      await shadow(s.page, 'input[type=search]').first().fill('refund')
      await shadow(s.page, '.help-result').first().waitFor({ timeout: 10_000 })
      expect(await panelText(s.page)).not.toContain('could not be loaded')
      expect((await shadow(s.page, '.help-result').allTextContents()).join(' ')).toMatch(/refund/i)
    } finally {
      await s.browser.setOffline(false)
    }
  })

  it('suggests articles under a report description written offline, from the cached index', async () => {
    // The suggestions are their own lazy chunk: the prefetch must fetch it too, or a report
    // written offline shows none even with the index on the device.
    const s = await cachedThenOffline('suggest-offline')
    try {
      await open(s, 'report')
      await shadow(s.page, '[data-category=refund_not_received]').click()
      await shadow(s.page, '[data-field=description] textarea').fill(
        'the merchant said my refund was sent but it never arrived',
      )
      await shadow(s.page, '.help-suggest .help-result').first().waitFor({ timeout: 10_000 })
      expect((await shadow(s.page, '.help-suggest .help-result').allTextContents()).join(' ')).toMatch(/refund/i)
    } finally {
      await s.browser.setOffline(false)
    }
  })
})
