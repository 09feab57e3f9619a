import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// The help index at `articles.url` cannot be downloaded: the file is gone (404 after a deploy)
// or the server fails (500). The user types a query in the home search box and reads the
// message under it. It has to be about the help articles as a whole, in the user's language,
// and promise nothing the SDK does not do: the search is tried again on the next query or on
// "Try again", never by itself.
const baseUrl = inject('baseUrl')
const session = sessions()

async function searchWithIndex(status: number, locale: string, query: string): Promise<Page> {
  const s = await session.start()
  await s.browser.route(`${baseUrl}/search-index.json*`, (route) => route.fulfill({ status, body: 'nope' }))
  const options = restOptions(locale, `articles: { url: '/search-index.json' },`)
  const url = await serve(s.browser, baseUrl, `index-${status}`, snippetPage(options))
  await s.page.goto(`${url}?u=index-${status}-${Date.now()}`)
  await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
  const input = shadow(s.page, 'input[type=search]').first()
  await input.waitFor()
  await input.fill(query)
  await shadow(s.page, '[role=alert]').first().waitFor({ timeout: 20_000 })
  return s.page
}

describe('the help index cannot be downloaded', () => {
  it('404: says the help articles could not be loaded, not that "this article" is gone', async () => {
    const page = await searchWithIndex(404, 'en', 'refund')
    const alert = await shadow(page, '[role=alert]').first().innerText()
    expect(alert).not.toContain('This article is no longer available')
    expect(alert).toContain('Help articles could not be loaded')
  })

  it('500, zh-TW: says the articles could not be loaded, without promising an automatic retry', async () => {
    const page = await searchWithIndex(500, 'zh-TW', '退款')
    const alert = await shadow(page, '[role=alert]').first().innerText()
    expect(alert).not.toContain('自動重試')
    expect(alert).toContain('說明文章載入失敗')
    // The rest of the panel stays usable.
    expect(await panelText(page)).toContain('線上客服')
  })

  it('"Try again" that works leaves focus in the search box, not on the dialog', async () => {
    // The button goes once the results come; focus fell back to the dialog itself.
    const s = await session.start()
    let failing = true
    await s.browser.route(`${baseUrl}/search-index.json*`, (route) =>
      failing ? route.fulfill({ status: 500, body: 'nope' }) : route.continue(),
    )
    const options = restOptions('en', `articles: { url: '/search-index.json' },`)
    const url = await serve(s.browser, baseUrl, 'index-retry', snippetPage(options))
    await s.page.goto(`${url}?u=index-retry-${Date.now()}`)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const input = shadow(s.page, 'input[type=search]').first()
    await input.fill('refund')
    const again = shadow(s.page, '[role=alert] button').first()
    await again.waitFor({ timeout: 20_000 })
    failing = false
    await again.focus()
    await s.page.keyboard.press('Enter')
    await shadow(s.page, '.help-result').first().waitFor({ timeout: 20_000 })
    const focused = await s.page.evaluate(() => {
      let el = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      return el ? `${el.tagName.toLowerCase()}[type=${el.getAttribute('type')}]` : 'none'
    })
    expect(focused).toBe('input[type=search]')
  })
})
