import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axe } from '../browser.js'
import { closedHoursServer, restOptions, serve, sessions, shadow, snippetPage, transaction } from '../break/host.js'

// README: "Suggested articles appear while the user describes a problem (`suggestion:open`
// event)". While the user writes a report's description, or a message outside business hours,
// up to three help articles that may answer it show under the text. Picking one opens it; Back
// (or a reload) loses nothing typed. The search is on the device: the text is never sent while
// suggesting. Suggestions are optional: an index that cannot load shows none and says nothing.
const baseUrl = inject('baseUrl')
const session = sessions()
const closed = closedHoursServer()

const PROBLEM = '昨天付款的时候钱被扣了，但是商家说订单没有支付成功，请帮我查一下'
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
type HelpWindow = { help: { open(view: string, params?: unknown): Promise<void> }; hfEvents: Array<{ type: string }> }
const withIndex = (locale: string) =>
  restOptions(locale, `articles: { url: '/search-index.json' }, onEvent: (e) => window.hfEvents.push(e),`)

/** Every request the page makes (URL and body), to look for the typed text in. */
function recordRequests(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => seen.push(`${r.method()} ${r.url()}\n${r.postData() ?? ''}`))
  return seen
}
/** The typed text, or a piece of it, as it could appear in a URL or a body. */
const carries = (request: string, text: string) =>
  [text, text.slice(0, 6), encodeURIComponent(text.slice(0, 6)), JSON.stringify(text.slice(0, 6)).slice(1, -1)].some(
    (form) => request.includes(form),
  )

/** Which element of the panel has focus: its tag and id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement as HTMLElement | null
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : ''
  })

/**
 * Types `text` into the focused box one character every 40 ms (in the page, so the pauses are
 * the page's), recording each text the suggestions' live region takes on meanwhile.
 */
async function typeWatchingAnnouncements(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ selector, text }) => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      const w = window as unknown as { announced: string[] }
      w.announced = []
      const status = () => root.querySelector('.help-suggest [role=status]')?.textContent ?? ''
      new MutationObserver(() => {
        const now = status()
        if (now !== (w.announced.at(-1) ?? '')) w.announced.push(now)
      }).observe(root, { subtree: true, childList: true, characterData: true })
      const box = root.querySelector<HTMLTextAreaElement>(selector)!
      box.focus()
      for (const ch of text) {
        box.value += ch
        box.dispatchEvent(new InputEvent('input', { bubbles: true, data: ch, inputType: 'insertText' }))
        await new Promise((r) => setTimeout(r, 40))
      }
    },
    { selector, text },
  )
}

const openReportForm = async (page: Page) => {
  await page.evaluate(() => (window as unknown as HelpWindow).help.open('report'))
  await shadow(page, '[data-category=charged_not_received]').click()
  await shadow(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
}

describe('suggested articles under the report description', () => {
  it('suggest while typing without sending the text, by keyboard, and Back or a reload keep the whole draft', async () => {
    const s = await session.start()
    const { page } = s
    const requests = recordRequests(page)
    const url = await serve(s.browser, baseUrl, 'suggest-report', snippetPage(withIndex('zh-CN')))
    await page.goto(`${url}?u=suggest-report-${Date.now()}`)
    await openReportForm(page)
    // Opening the form fetched neither the suggestions nor the help index.
    expect(requests.filter((r) => /SuggestedArticles|search-index|chunks\/help-/.test(r))).toEqual([])

    await shadow(page, '[data-field=amount] input').fill('128.50')
    await shadow(page, '[data-field=screenshots] input[type=file]').setInputFiles({
      name: 'shot.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await shadow(page, '[data-shot="1"][data-state=ready]').waitFor()
    await typeWatchingAnnouncements(page, '[data-field=description] textarea', PROBLEM)
    await shadow(page, '.help-suggest .help-result').first().waitFor({ timeout: 20_000 })
    const ids = await shadow(page, '.help-suggest .help-result').evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.article),
    )
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.length).toBeLessThanOrEqual(3)
    expect(ids).toContain('zh-charged-not-received')
    // The live region spoke once, after the typing stopped, not on every keystroke.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { announced: string[] }).announced))
      .toEqual([`推荐 ${ids.length} 篇文章`])
    // The index came as a file; nothing the page sent carried the description.
    expect(requests.some((r) => r.includes('/search-index.json'))).toBe(true)
    expect(requests.filter((r) => carries(r, PROBLEM))).toEqual([])
    expect(await axe(page, '[data-help-feedback]')).toEqual([])

    // Keyboard: Tab from the description reaches the first suggestion; Enter opens it.
    const description = await focused(page)
    expect(description).toMatch(/^textarea#.*-rf-description$/)
    await page.keyboard.press('Tab')
    expect(
      await shadow(page, '.help-suggest .help-result')
        .first()
        .evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true)
    await page.keyboard.press('Enter')
    await shadow(page, '.help-article h3').waitFor({ timeout: 20_000 })
    expect(
      await page.evaluate(() => (window as unknown as HelpWindow).hfEvents.filter((e) => e.type === 'suggestion:open')),
    ).toEqual([{ type: 'suggestion:open', id: ids[0], from: 'report' }])

    // Back: the same form, everything typed, focus where the user was.
    await shadow(page, 'button[aria-label="返回"]').click()
    await shadow(page, '[data-field=description] textarea').waitFor()
    await expect.poll(() => shadow(page, '[data-field=description] textarea').inputValue()).toBe(PROBLEM)
    expect(await shadow(page, 'form.rf').getAttribute('data-category')).toBe('charged_not_received')
    expect(await shadow(page, '[data-field=amount] input').inputValue()).toBe('128.50')
    expect(await shadow(page, '[data-shot="1"][data-state=ready]').count()).toBe(1)
    await expect.poll(() => focused(page)).toBe(description)

    // A reload while an article is open: the form comes back with the draft.
    await shadow(page, '.help-suggest .help-result').first().click()
    await shadow(page, '.help-article h3').waitFor({ timeout: 20_000 })
    await page.reload()
    await openReportForm(page)
    await expect
      .poll(() => shadow(page, '[data-field=description] textarea').inputValue(), { timeout: 10_000 })
      .toBe(PROBLEM)
    expect(await shadow(page, '[data-field=amount] input').inputValue()).toBe('128.50')
    await shadow(page, '[data-shot="1"][data-state=ready]').waitFor()
    expect(requests.filter((r) => carries(r, PROBLEM))).toEqual([])
  })

  for (const failure of ['500', 'offline'] as const) {
    it(`index unavailable (${failure}): no suggestions, no error, and the report still goes`, async () => {
      const s = await session.start()
      const { page } = s
      const consoleErrors: string[] = []
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      let asked = 0
      await s.browser.route(`${baseUrl}/search-index.json*`, (route) => {
        asked++
        return failure === '500' ? route.fulfill({ status: 500, body: 'nope' }) : route.abort('internetdisconnected')
      })
      const url = await serve(s.browser, baseUrl, `suggest-fail-${failure}`, snippetPage(withIndex('zh-CN')))
      await page.goto(`${url}?u=suggest-fail-${failure}-${Date.now()}`)
      await openReportForm(page)
      const fields = { transactionId: transaction.id, time: '2026-11-23T09:30', amount: '9.00', currency: 'CNY' }
      for (const [name, value] of Object.entries(fields)) await shadow(page, `[data-field=${name}] input`).fill(value)
      await shadow(page, '[data-field=counterparty] input').fill(transaction.counterparty)
      await shadow(page, '[data-field=description] textarea').fill(PROBLEM)
      await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThan(0)
      // The suggestions are mounted (their live region is there) and stay empty and silent.
      await shadow(page, '.help-suggest [role=status]').waitFor({ state: 'attached' })
      await page.waitForTimeout(1000)
      expect(await shadow(page, '.help-suggest [role=status]').textContent()).toBe('')
      expect(await shadow(page, '.help-result').count()).toBe(0)
      expect(await shadow(page, '[role=alert]:not(:empty)').count()).toBe(0)
      expect(
        await page.evaluate(() => (window as unknown as HelpWindow).hfEvents.filter((e) => e.type === 'error')),
      ).toEqual([])
      // The browser's own line about the failed download is all the console shows.
      expect(consoleErrors.filter((m) => !/^Failed to load resource/.test(m))).toEqual([])
      await shadow(page, '[data-submit]').click()
      await shadow(page, '[data-result=sent]').waitFor({ timeout: 20_000 })
    })
  }
})

describe('suggested articles under the leave-a-message text', () => {
  it('suggest outside business hours, and Back or a reload keep the message', async () => {
    const s = await session.start()
    const { page } = s
    const requests = recordRequests(page)
    const url = await serve(s.browser, closed.url, 'suggest-leave', snippetPage(withIndex('zh-CN')))
    const open = async () => {
      await page.evaluate(() => (window as unknown as HelpWindow).help.open('chat'))
      await shadow(page, 'form.leave textarea').waitFor({ timeout: 20_000 })
    }
    await page.goto(`${url}?u=suggest-leave-${Date.now()}`)
    await open()
    await typeWatchingAnnouncements(page, 'form.leave textarea', PROBLEM)
    await shadow(page, 'form.leave .help-suggest .help-result').first().waitFor({ timeout: 20_000 })
    const ids = await shadow(page, '.help-suggest .help-result').evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset.article),
    )
    expect(ids.length).toBeLessThanOrEqual(3)
    expect(ids).toContain('zh-charged-not-received')
    expect(await axe(page, '[data-help-feedback]')).toEqual([])
    const box = await focused(page)

    await shadow(page, '.help-suggest .help-result').first().click()
    await shadow(page, '.help-article h3').waitFor({ timeout: 20_000 })
    expect(
      await page.evaluate(() => (window as unknown as HelpWindow).hfEvents.filter((e) => e.type === 'suggestion:open')),
    ).toEqual([{ type: 'suggestion:open', id: ids[0], from: 'chat' }])
    await shadow(page, 'button[aria-label="返回"]').click()
    await expect.poll(() => shadow(page, 'form.leave textarea').inputValue(), { timeout: 10_000 }).toBe(PROBLEM)
    await expect.poll(() => focused(page)).toBe(box)

    await shadow(page, '.help-suggest .help-result').first().click()
    await shadow(page, '.help-article h3').waitFor({ timeout: 20_000 })
    await page.reload()
    await open()
    await expect.poll(() => shadow(page, 'form.leave textarea').inputValue(), { timeout: 10_000 }).toBe(PROBLEM)
    expect(requests.filter((r) => carries(r, PROBLEM))).toEqual([])
    expect(await closed.tickets()).toEqual([])
  })
})
