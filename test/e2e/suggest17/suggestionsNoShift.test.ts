import { describe, expect, inject, it } from 'vitest'
import type { Page, Route } from 'playwright-core'
import { closedHoursServer, openReport, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// Suggested articles come late: the suggestions' code, then the help index, then a search on
// the device (seconds on a slow phone). By then the user may be reaching for "Send". Whatever
// they bring (three articles, none, or nothing at all because the code cannot be fetched), the
// controls already on screen stay where the user saw them; only the user's own typing may move
// them.
const baseUrl = inject('baseUrl')
const session = sessions()
const closed = closedHoursServer()

const PROBLEM = '昨天付款的时候钱被扣了，但是商家说订单没有支付成功，请帮我查一下'
const NOTHING_LIKE_IT = 'qzxv wkpj ymbt hhgr'
const withIndex = restOptions('zh-CN', `articles: { url: '/search-index.json' },`)
const SUGGESTIONS_CODE = /\/dist\/chunks\/(SuggestedArticles|help)-[\w-]+\.js/

/** Requests matching `pattern` held until `release()` (then answered by `answer`, default: the network). */
async function hold(page: Page, pattern: RegExp, answer: (route: Route) => Promise<void> = (r) => r.continue()) {
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  let asked = 0
  await page.route(pattern, async (route) => {
    asked++
    await held
    await answer(route)
  })
  return { release, asked: () => asked }
}

/** Where each of `selectors` is on the page now (after any panel animation). */
const boxes = async (page: Page, selectors: string[]) => {
  await page.evaluate(async () => {
    const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
    await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)))
  })
  return Promise.all(selectors.map((sel) => shadow(page, sel).boundingBox()))
}

const BELOW_DESCRIPTION = ['[data-field=screenshots] label.rf-file', '[data-submit]']

/** The report form on a 390 px wide phone, ready to send. */
async function reportForm(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 })
  await shadow(page, '[data-field=description] textarea').waitFor({ timeout: 20_000 })
  await shadow(page, '[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
}

describe('late suggestions move nothing the user may tap', () => {
  it('leave a message (390 px): Send stays under the finger when the articles arrive', async () => {
    const s = await session.start()
    const { page } = s
    await page.setViewportSize({ width: 390, height: 844 })
    const code = await hold(page, SUGGESTIONS_CODE)
    const url = await serve(s.browser, closed.url, 'noshift-leave', snippetPage(withIndex))
    await page.goto(`${url}?u=noshift-leave-${Date.now()}`)
    await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    await shadow(page, 'form.leave textarea').fill(PROBLEM)
    await expect.poll(code.asked, { timeout: 20_000 }).toBeGreaterThan(0)
    const before = await boxes(page, ['.leave button[type=submit]'])
    expect(before[0]).toBeTruthy()

    code.release()
    await shadow(page, 'form.leave .help-suggest .help-result').first().waitFor({ timeout: 20_000 })
    expect(await boxes(page, ['.leave button[type=submit]'])).toEqual(before)
    // Still announced once they are there.
    await expect
      .poll(() => shadow(page, 'form.leave .help-suggest [role=status]').textContent())
      .toMatch(/^推荐 \d 篇文章$/)
    expect(await closed.tickets()).toEqual([])
  })

  it('report form (390 px): the screenshots and Send stay put when the articles arrive', async () => {
    const s = await session.start()
    const index = await hold(s.page, /\/search-index\.json/)
    const page = await openReport(s, baseUrl, 'noshift-report', withIndex, `noshift-report-${Date.now()}`)
    await reportForm(page)
    await shadow(page, '[data-field=description] textarea').fill(PROBLEM)
    await expect.poll(index.asked, { timeout: 20_000 }).toBeGreaterThan(0)
    const before = await boxes(page, BELOW_DESCRIPTION)
    expect(before.every(Boolean)).toBe(true)

    index.release()
    await shadow(page, '.help-suggest .help-result').first().waitFor({ timeout: 20_000 })
    expect(await boxes(page, BELOW_DESCRIPTION)).toEqual(before)
    await expect.poll(() => shadow(page, '.help-suggest [role=status]').textContent()).toMatch(/^推荐 \d 篇文章$/)
    // Tab from the description still reaches the first suggestion.
    await shadow(page, '[data-field=description] textarea').focus()
    await page.keyboard.press('Tab')
    expect(
      await shadow(page, '.help-suggest .help-result')
        .first()
        .evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true)
  })

  it('report form: an answer of no articles moves nothing either', async () => {
    const s = await session.start()
    const index = await hold(s.page, /\/search-index\.json/)
    const page = await openReport(s, baseUrl, 'noshift-none', withIndex, `noshift-none-${Date.now()}`)
    await reportForm(page)
    await shadow(page, '[data-field=description] textarea').fill(NOTHING_LIKE_IT)
    await expect.poll(index.asked, { timeout: 20_000 }).toBeGreaterThan(0)
    const before = await boxes(page, BELOW_DESCRIPTION)

    const answered = page.waitForResponse(/\/search-index\.json/)
    index.release()
    await answered
    await page.waitForTimeout(1500)
    expect(await shadow(page, '.help-result').count()).toBe(0)
    expect(await boxes(page, BELOW_DESCRIPTION)).toEqual(before)
    expect(await shadow(page, '.help-suggest [role=status]').textContent()).toBe('')
  })

  it('report form offline: suggestions that cannot load move nothing until the user types again', async () => {
    const s = await session.start()
    const code = await hold(s.page, SUGGESTIONS_CODE, (r) => r.abort('internetdisconnected'))
    const page = await openReport(s, baseUrl, 'noshift-offline', withIndex, `noshift-offline-${Date.now()}`)
    await reportForm(page)
    const description = shadow(page, '[data-field=description] textarea')
    await description.fill(PROBLEM)
    await expect.poll(code.asked, { timeout: 20_000 }).toBeGreaterThan(0)
    const before = await boxes(page, BELOW_DESCRIPTION)

    code.release()
    await page.waitForTimeout(1500)
    expect(await boxes(page, BELOW_DESCRIPTION)).toEqual(before)
    expect(await shadow(page, '[role=alert]:not(:empty)').count()).toBe(0)
    // The user's next keystroke gives the space back.
    await description.press('End')
    await description.press('?')
    const after = await boxes(page, BELOW_DESCRIPTION)
    expect(after[0]!.y).toBeLessThan(before[0]!.y)
  })
})
