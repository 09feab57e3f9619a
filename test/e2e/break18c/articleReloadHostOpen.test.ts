/**
 * A reload while a help article was open reopens the panel on it; a host that opens the panel
 * itself right after mount (a deep link, a notification) must get its own view, not the article
 * over it, and Back from there must not lead into the article the user had left.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, open, w, type Session } from '../browser.js'

const baseUrl = inject('baseUrl')
let s: Session

beforeAll(async () => {
  s = await launch()
  // The host's own open, in the same task as mount: `window.help = createHelpFeedback(…).mount()`.
  await s.page.addInitScript(() => {
    let help: { open(view: string): Promise<void> } | undefined
    Object.defineProperty(window, 'help', {
      configurable: true,
      get: () => help,
      set(value: typeof help) {
        help = value
        if (sessionStorage.getItem('host-opens')) void value?.open(sessionStorage.getItem('host-opens')!)
      },
    })
  })
})
afterAll(async () => {
  await s?.close()
})

describe('a reload with an article open, and the host opening the panel right after mount', () => {
  it("the host's view shows, with nothing under it", async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-b18c-reopen-host-${Date.now()}`)
    await open(page, 'search', { query: 'refund' })
    await w(page, '.help-result').first().click()
    await w(page, 'article.help-article h3').waitFor({ timeout: 20_000 })

    await page.evaluate(() => sessionStorage.setItem('host-opens', 'chat'))
    await page.reload()
    await w(page, '.chat[data-ready]').waitFor({ timeout: 20_000 })
    const ui = await page.evaluate(async () => {
      const client = await (
        window as unknown as {
          help: {
            client(): Promise<{ store: { getState(): { ui: { view: string; stack: Array<{ view: string }> } } } }>
          }
        }
      ).help.client()
      const { view, stack } = client.store.getState().ui
      return { view, under: stack.map((e) => e.view) }
    })
    expect(ui).toEqual({ view: 'chat', under: [] })
    expect(await w(page, 'article.help-article').count()).toBe(0)
  })
})
