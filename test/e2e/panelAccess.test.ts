import { describe, expect, inject, it } from 'vitest'
import { axe, isOpen, open, w, type Page } from './browser.js'
import { chromium } from './session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

/** The focused element, through the shadow root: a description, or 'BODY' when focus fell out. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    if (!el || el === document.body) return 'BODY'
    const attrs = ['data-current-tx', 'data-focus-target', 'data-remove'].filter((a) => el!.hasAttribute(a))
    return `${el.tagName.toLowerCase()}${attrs.map((a) => `[${a}]`).join('')}`
  })

// A 1×1 PNG, as a user's screenshot would arrive through the file input.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** The help article of the result that has focus (inside the shadow root), else the focused element's tag. */
const focusedArticle = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return (el as HTMLElement | null)?.dataset.article ?? el?.tagName
  })

async function startReport(page: Page) {
  await open(page, 'report')
  await w(page, '[data-categories] [data-category]').first().click()
  await w(page, '[data-recent-transactions] [data-tx]').first().waitFor()
}

describe('text scaling, focus, Escape and reflow in Chromium', () => {
  it("panel text follows the root font size (a user's larger default font), not a fixed 15 px", async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-scale-${Date.now()}`)
    await open(page, 'home')
    const sizes = () =>
      w(page, '.entry')
        .first()
        .evaluate((el) => [getComputedStyle(el).fontSize, getComputedStyle(el.querySelector('span')!).fontSize])
    expect(await sizes()).toEqual(['15px', '13px'])
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'))
    expect(await sizes()).toEqual(['30px', '26px'])
    expect(await axe(page)).toEqual([])
  })

  it('picking a transaction keeps focus on the picked card; Escape then closes', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=e2e-focus-${Date.now()}`)
    await startReport(page)
    await w(page, '[data-recent-transactions] [data-tx]').first().focus()
    await page.keyboard.press('Enter')
    await w(page, '[data-current-tx]').waitFor()
    await expect.poll(() => focused(page)).toBe('div[data-current-tx][data-focus-target]')
    await page.keyboard.press('Escape')
    await expect.poll(() => isOpen(page)).toBe(false)
  })

  it('Escape in a search box with a query clears the query; the next Escape closes', async () => {
    // The first Escape closed the panel and the query typed was gone when it opened again.
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-escape-${Date.now()}`)
    await open(page, 'home')
    const input = w(page, 'input[type=search]').first()
    await input.fill('refund')
    await w(page, '.help-result').first().waitFor({ timeout: 20_000 })
    await input.focus()
    await page.keyboard.press('Escape')
    expect(await isOpen(page)).toBe(true)
    await expect.poll(() => input.inputValue()).toBe('')
    // Home is back to its popular articles: the query's results went with it.
    await w(page, 'h3:has-text("Popular articles")').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => isOpen(page)).toBe(false)
  })

  it("ArrowDown in Home's search box moves to the first result", async () => {
    // It did nothing on Home (the search view had it): a keyboard user had to Tab past the box.
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-arrow-${Date.now()}`)
    await open(page, 'home')
    const input = w(page, 'input[type=search]').first()
    await input.fill('refund')
    await w(page, '.help-result').first().waitFor({ timeout: 20_000 })
    const first = await w(page, '.help-result').first().getAttribute('data-article')
    await input.focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => focusedArticle(page)).toBe(first)
  })

  it('Back from an article opened from the search results puts focus on that result', async () => {
    // Focus went to the search box, so a keyboard or screen reader user started the list again.
    const { page } = s
    await page.goto(`${baseUrl}/?locale=en&user=e2e-back-${Date.now()}`)
    await open(page, 'search')
    const input = w(page, 'input[type=search]').first()
    await input.fill('refund')
    await w(page, '.help-result').nth(1).waitFor({ timeout: 20_000 })
    const second = await w(page, '.help-result').nth(1).getAttribute('data-article')
    await w(page, '.help-result').nth(1).focus()
    await page.keyboard.press('Enter')
    await w(page, '.article, article').first().waitFor()
    await w(page, 'button[aria-label="Back"]').click()
    await expect.poll(() => focusedArticle(page)).toBe(second)
  })

  it('adding a file keeps focus on the added file; Escape then closes', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=e2e-file-${Date.now()}`)
    await startReport(page)
    const input = w(page, '[data-field=screenshots] input[type=file]')
    await input.focus()
    await input.setInputFiles({ name: 'shot.png', mimeType: 'image/png', buffer: PNG })
    await w(page, '.rf-tiles [data-shot="1"]').waitFor()
    // On the added file's × (its tile says which file it removes).
    await expect.poll(() => focused(page)).toBe('button[data-remove]')
    await page.keyboard.press('Escape')
    await expect.poll(() => isOpen(page)).toBe(false)
  })

  it('at 390 px with a 200% default font, a focused field is never hidden behind the sticky submit', async () => {
    const { page } = s
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${baseUrl}/?locale=en&user=e2e-sticky-${Date.now()}`)
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'))
    await open(page, 'report')
    await w(page, '[data-category=charged_not_received]').click()
    await w(page, '[data-submit]:not([disabled])').waitFor()
    const hidden: string[] = []
    let stops = 0
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab')
      const r = await page.evaluate(() => {
        let el = document.activeElement
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
        const bar =
          el?.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).querySelector('.rf-sticky') : null
        if (!el || !bar || el.closest('.rf-sticky') || !el.closest('form')) return undefined
        const b = el.getBoundingClientRect()
        return { name: el.id || el.textContent!.slice(0, 30), covered: b.bottom > bar.getBoundingClientRect().top + 1 }
      })
      if (!r) continue
      stops++
      if (r.covered) hidden.push(r.name)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(stops).toBeGreaterThan(10)
    expect(hidden).toEqual([])
  })

  it('reflows at 390 px with 200% zoom (195 × 422 CSS px): nothing off the side, the composer keeps room to type', async () => {
    const { page } = s
    await page.setViewportSize({ width: 195, height: 422 })
    try {
      await page.route('**/v1/availability', (r) =>
        r.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
        }),
      )
      // The transport's code is held back, so the home is measured first with the chat entry's
      // placeholder (while chat is unknown), then again once the transport says chat is there.
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      await page.route('**/dist/transports/rest.js', async (r) => {
        await held
        await r.continue()
      })
      // Every visible element lies within the 195 px (screen-reader-only text excepted).
      const outside = () =>
        page.locator('[data-help-feedback]').evaluate((host) => {
          const out: string[] = []
          for (const el of host.shadowRoot!.querySelectorAll<HTMLElement>('.frame *')) {
            if (el.closest('.sr-only')) continue
            const r = el.getBoundingClientRect()
            if (r.width > 0 && (r.left < -0.5 || r.right > innerWidth + 0.5)) out.push(`${el.tagName}.${el.className}`)
          }
          return out
        })
      await page.goto(`${baseUrl}/?locale=zh-CN&user=e2e-reflow-${Date.now()}`)
      await open(page, 'home')
      await w(page, '[data-entry=chat][aria-busy=true]').waitFor()
      expect(await outside(), 'home, chat unknown').toEqual([])
      release()
      await w(page, '[data-entry=chat]:not([aria-busy])').waitFor()
      for (const view of ['home', 'chat', 'report', 'contact', 'requests']) {
        await open(page, view)
        await w(page, view === 'chat' ? '.chat[data-ready]' : '.body > *')
          .first()
          .waitFor()
        expect(await outside(), view).toEqual([])
      }
      await open(page, 'chat')
      const [textarea, frame] = await Promise.all([
        w(page, '.composer textarea').evaluate((el) => el.getBoundingClientRect().width),
        w(page, '.frame').evaluate((el) => el.getBoundingClientRect().width),
      ])
      expect(textarea / frame).toBeGreaterThan(0.6)
      // The intro under the fixed parts can be scrolled to and read.
      const heading = w(page, '[data-chat-intro] h3')
      await heading.scrollIntoViewIfNeeded()
      const box = await heading.boundingBox()
      const composerTop = await w(page, '.composer').evaluate((el) => el.getBoundingClientRect().top)
      expect(box!.y + box!.height).toBeLessThanOrEqual(composerTop + 0.5)
      expect(await axe(page)).toEqual([])
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 })
    }
  })
})

describe("article feedback and the demo's channels in Chromium", () => {
  it('after 没帮助: what was missing, then a way to chat or report', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=e2e-article-${Date.now()}`)
    await page.evaluate(() => {
      const w = window as unknown as { help: { onEvent(l: (e: { type: string }) => void): void }; missing: unknown[] }
      w.missing = []
      w.help.onEvent((e) => e.type === 'article:missing' && w.missing.push(e))
    })
    await open(page, 'search', { query: '退款' })
    await w(page, '.help-result').first().click()
    await w(page, '[data-vote-no]').click()
    await expect.poll(() => w(page, '[data-missing] legend').textContent()).toBe('缺少了什么？')
    expect(await w(page, '[data-missing] .help-choice').allTextContents()).toEqual([
      '没有回答我的问题',
      '看不太懂',
      '内容过时或有误',
      '我的情况不一样',
    ])
    expect(await w(page, '[data-missing-next] button').allTextContents()).toEqual(['联系在线客服', '反馈问题'])
    expect(await axe(page)).toEqual([])
    await w(page, '[data-missing] .help-choice input').nth(3).check()
    await w(page, '[data-missing] button[type=submit]').click()
    await expect.poll(() => w(page, '[data-missing] [role=status]').textContent()).toContain('谢谢')
    const events = await page.evaluate(() => (window as unknown as { missing: Array<{ reason: string }> }).missing)
    expect(events.map((e) => e.reason)).toEqual(['case'])
    await w(page, '[data-missing-next] button').first().click()
    await w(page, '.chat').waitFor()
  })

  it('the demo lists its hotline and e-mail with hours, and offers 繁體中文', async () => {
    const { page } = s
    await page.goto(`${baseUrl}/?locale=zh-CN&user=e2e-demo-${Date.now()}`)
    expect(await page.locator('#lang option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(
      ['zh-CN', 'zh-TW', 'en'],
    )
    await open(page, 'contact')
    await expect.poll(() => w(page, 'a[href^="tel:"]').first().getAttribute('href')).toBe('tel:95188')
    expect(await w(page, 'a[href^="mailto:"]').first().getAttribute('href')).toMatch(/^mailto:service@example\.com\?/)
    expect(await w(page, '.ct-hours').count()).toBe(2)
    expect(await axe(page)).toEqual([])
    await page.keyboard.press('Escape')
    await page.locator('#lang').selectOption('zh-TW')
    await open(page, 'home')
    await expect.poll(() => w(page, '.head h2').textContent()).toBe('說明與意見回饋')
    expect(await page.locator('#help').textContent()).toBe('說明與意見回饋')
  })
})
