import { afterEach, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launch, type Session } from '../browser.js'
import { restOptions, serve, shadow, snippetPage } from '../break/host.js'

// A user pastes what they have into the search box on a phone: a transaction number copied
// several times over. Nothing matches, and the empty state repeats the
// query ("No articles match “…”"). An unbroken string that long must wrap inside the panel, not
// push the panel's body sideways so that it scrolls horizontally.
const baseUrl = inject('baseUrl')
let s: Session | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

const pasted = '4200001234202611230012345678'.repeat(6)

/** How far the panel's body scrolls sideways (0: it does not). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const body = document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector<HTMLElement>('.body')!
    return body.scrollWidth - body.clientWidth
  })

describe('a long unbroken query that matches nothing', () => {
  it('wraps in the empty state, on home and in the search view', async () => {
    s = await launch({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const options = restOptions('en', `articles: { url: '/search-index.json' },`)
    const url = await serve(s.browser, baseUrl, 'long-query', snippetPage(options))
    await s.page.goto(`${url}?u=long-query-${Date.now()}`)
    await s.page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('home'))
    const input = shadow(s.page, 'input[type=search]').first()
    await input.waitFor()
    await input.fill(pasted)
    await shadow(s.page, 'p:has-text("No articles match")').first().waitFor({ timeout: 20_000 })
    expect(await sideways(s.page)).toBe(0)

    await input.press('Enter')
    await shadow(s.page, '.help-empty p:has-text("No articles match")').waitFor()
    expect(await sideways(s.page)).toBe(0)
  })
})
