/**
 * Two widgets on one page, each with its own view open, and the page reloaded: each comes back on
 * its own view (an article, a report form, the live chat), and nothing else, in real Chromium.
 * What a reload reopens is kept per widget (host/reopen.ts), not taken by the first to mount.
 */
import { describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { restOptions, serve, transaction } from './break/host.js'
import { chromium } from './session.js'

const baseUrl = inject('baseUrl')
const s = chromium()

/** The pages' script up to their widgets: the entry, the signed-in user (`?u=`), the widgets' options. */
const SETUP = `import { createHelpFeedback } from '/dist/help-feedback.js'
window.who = new URLSearchParams(location.search).get('u')
const token = async () => {
  const r = await fetch('/demo/token?userId=' + encodeURIComponent(window.who) + '&name=x')
  return (await r.json()).token
}
const options = ${restOptions('en', "articles: { url: '/search-index.json' },")}`

/** Two widgets, mounted in this order on every load (no ids: the second is told apart by its rank). */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wallet</title></head>
<body><h1>Wallet</h1>
<script type="module">
${SETUP}
window.first = createHelpFeedback({ ...options, position: 'bottom-right' }).mount()
window.second = createHelpFeedback({ ...options, position: 'bottom-left' }).mount()
</script></body></html>`

/**
 * Two widgets in containers with ids, mounted in the order the tab's `order` says (`ab` unless
 * set): a page whose widgets come and go gives them ids, and each keeps its own keys whatever the
 * order it mounts in after a reload.
 */
const PAGE_IDS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wallet</title></head>
<body><h1>Wallet</h1><div id="wallet-a"></div><div id="wallet-b"></div>
<script type="module">
${SETUP}
const make = (id, position) =>
  createHelpFeedback({ ...options, position, container: document.getElementById(id) })
if ((sessionStorage.getItem('order') ?? 'ab') == 'ab') {
  window.first = make('wallet-a', 'bottom-right').mount()
  window.second = make('wallet-b', 'bottom-left').mount()
} else {
  window.second = make('wallet-b', 'bottom-left').mount()
  window.first = make('wallet-a', 'bottom-right').mount()
}
</script></body></html>`

const TYPED = 'I paid at the counter, the app said failed, but the shop says it got nothing.'
type Widget = 'first' | 'second'
const widget = (page: Page, which: Widget): Locator =>
  page.locator('[data-help-feedback]').nth(which === 'first' ? 0 : 1)
/**
 * `work`, or an error naming the step if it has not settled in 20 s. Evaluations that await the
 * page's promises (`open()`, `client()`) and the launcher counts polled below have no timeout of
 * their own: a hang would otherwise end only at the test's, which does not say which step it was.
 */
async function settles<T>(step: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step} did not settle in 20 s`)), 20_000)
  })
  try {
    return await Promise.race([work, bound])
  } finally {
    clearTimeout(timer)
  }
}
const open = (page: Page, which: Widget, view: string, params: object) =>
  settles(
    `open(${view}) in the ${which} widget`,
    page.evaluate(
      ([w, v, p]) =>
        (window as unknown as Record<string, { open(v: string, p: unknown): Promise<void> }>)[w as string]!.open(
          v as string,
          p,
        ),
      [which, view, params] as const,
    ),
  )
/** The view each widget shows (its client's), or 'closed'. */
const shows = (page: Page) =>
  settles(
    "the widgets' views (isOpen, client())",
    page.evaluate(() =>
      Promise.all(
        ['first', 'second'].map(async (w) => {
          const help = (
            window as unknown as Record<
              string,
              { isOpen: boolean; client(): Promise<{ store: { getState(): { ui: { view: string } } } }> }
            >
          )[w]!
          return help.isOpen ? (await help.client()).store.getState().ui.view : 'closed'
        }),
      ),
    ),
  )
/** Both launchers are drawn (`locator.count()`, which `expect.poll` awaits, has no timeout). */
const launchers = (page: Page, when: string) =>
  settles(
    `both launchers ${when}`,
    expect.poll(() => page.locator('[data-help-feedback] >> button.launcher').count()).toBe(2),
  )
async function reload(page: Page) {
  await page.reload()
  await launchers(page, 'after the reload')
}

/** The page served as `name`, loaded for a new user, both launchers shown. */
async function load(name: string, html: string): Promise<Page> {
  const { page } = s
  const url = await serve(s.browser, baseUrl, name, html)
  await page.goto(`${url}?u=e2e-${name}-${Date.now()}`)
  await launchers(page, 'after the first load')
  return page
}
/** Opens a report form in the widget and types the description (the draft keeps the transaction). */
async function report(page: Page, which: Widget) {
  await open(page, which, 'report', { category: 'payment_failed', transaction })
  await widget(page, which).locator('[data-submit]:not([disabled])').waitFor({ timeout: 20_000 })
  await widget(page, which).locator('[data-field=description] textarea').fill(TYPED)
}
/**
 * The widget's report form shows the description typed before the reload. Each read gives up
 * after 2 s: with no form to read (the default 30 s each), the poll would outlast the test's
 * timeout and fail without saying where.
 */
const typedBack = (page: Page, which: Widget) =>
  expect
    .poll(() => widget(page, which).locator('[data-field=description] textarea').inputValue({ timeout: 2_000 }), {
      timeout: 20_000,
      message: `the ${which} widget's report form shows the description typed before the reload`,
    })
    .toBe(TYPED)
/** The widget shows its article. */
const article = (page: Page, which: Widget) =>
  widget(page, which).locator('article.help-article h3').waitFor({ timeout: 20_000 })

describe('two widgets on one page across a reload', () => {
  it('an article in the first, a report form in the second: each reopens its own', async () => {
    const page = await load('two-widgets', PAGE)
    await open(page, 'first', 'article', { id: 'en-balance' })
    await article(page, 'first')
    // Typed: the draft keeps the transaction (this page has no list of recent ones to find it in).
    await report(page, 'second')
    expect(await shows(page)).toEqual(['article', 'report'])

    await reload(page)
    await article(page, 'first')
    await typedBack(page, 'second')
    expect(await widget(page, 'second').locator('[data-current-tx]').getAttribute('data-current-tx')).toBe(
      transaction.id,
    )
    expect(await shows(page)).toEqual(['article', 'report'])

    // The second leaves its form: the next reload reopens the first's article only.
    await widget(page, 'second').locator('button[aria-label="Close"]').click()
    await reload(page)
    await article(page, 'first')
    expect(await shows(page)).toEqual(['article', 'closed'])
  })

  it('a report form in the first, the live chat in the second: each reopens its own', async () => {
    const page = await load('two-widgets-chat', PAGE)
    await report(page, 'first')
    await open(page, 'second', 'chat', {})
    await widget(page, 'second').locator('.chat').waitFor({ timeout: 20_000 })
    expect(await shows(page)).toEqual(['report', 'chat'])

    await reload(page)
    await typedBack(page, 'first')
    await widget(page, 'second').locator('.chat').waitFor({ timeout: 20_000 })
    expect(await shows(page)).toEqual(['report', 'chat'])
  })

  it('widgets in containers with ids, mounted in the other order after the reload: each reopens its own', async () => {
    const page = await load('two-widgets-ids', PAGE_IDS)
    await open(page, 'first', 'article', { id: 'en-balance' })
    await article(page, 'first')
    await report(page, 'second')
    expect(await shows(page)).toEqual(['article', 'report'])

    await settles(
      'sessionStorage.setItem',
      page.evaluate(() => sessionStorage.setItem('order', 'ba')),
    )
    await reload(page)
    await article(page, 'first')
    await typedBack(page, 'second')
    expect(await shows(page)).toEqual(['article', 'report'])
  })
})
