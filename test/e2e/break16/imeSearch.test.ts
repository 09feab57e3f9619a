import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// A zh-CN user types 退款 with a pinyin input method: the box holds "tuikuan" while composing,
// then the chosen characters. Chromium sends every `input` of a composition with isComposing
// set, the last one included, and ends with `compositionend`; the search boxes wait for that
// end. Before, nothing searched after the user picked 退款: Home showed no results and the
// search view said "Loading help articles…" for ever (the same on Android keyboards, which
// compose every word). The snippet marks are the search results' (popular articles have none).
const baseUrl = inject('baseUrl')
const session = sessions()

/** Types `pinyin` letter by letter as an IME composition, then commits `text`, through DevTools. */
async function typeWithIme(page: Page, pinyin: string, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  for (let i = 1; i <= pinyin.length; i++)
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i })
  await cdp.send('Input.insertText', { text })
  await cdp.detach()
}

async function open(view: 'home' | 'search'): Promise<Page> {
  const s = await session.start()
  const options = restOptions('zh-CN', `articles: { url: '/search-index.json' },`)
  const url = await serve(s.browser, baseUrl, `ime-${view}`, snippetPage(options))
  await s.page.goto(`${url}?u=ime-${view}-${Date.now()}`)
  await s.page.evaluate((v) => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open(v), view)
  const input = shadow(s.page, 'input[type=search]').first()
  await input.waitFor()
  await input.focus()
  await typeWithIme(s.page, 'tuikuan', '退款')
  expect(await input.inputValue()).toBe('退款')
  return s.page
}

describe('a query typed with a pinyin input method', () => {
  it('home: the results for the committed characters appear', async () => {
    const page = await open('home')
    await shadow(page, '.help-result-snippet mark:has-text("退款")').first().waitFor({ timeout: 10_000 })
  })

  it('search view: the results for the committed characters appear', async () => {
    const page = await open('search')
    await shadow(page, '.help-result-snippet mark:has-text("退款")').first().waitFor({ timeout: 10_000 })
  })
})
