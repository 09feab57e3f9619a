import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Page, type Session } from './browser.js'
import { serveStrict, type StaticHost } from './cspServer.js'

const baseUrl = inject('baseUrl')
const root = fileURLToPath(new URL('../../', import.meta.url))
let s: Session
let strict: StaticHost

/** The loader under the strict CSP of csp.test.ts, from a nested folder (it finds its chunks beside itself). */
const loaderPage = (
  launcher: boolean,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loader</title>
<script nonce="{{nonce}}">
  window.HelpFeedback = window.HelpFeedback || function () { (HelpFeedback.q = HelpFeedback.q || []).push(arguments) }
  HelpFeedback('init', { locale: 'en', transport: { type: 'memory' }, launcher: ${launcher} })
  HelpFeedback('onEvent', function (e) { (window.hfEvents = window.hfEvents || []).push(e.type) })
  window.hfViolations = []
  document.addEventListener('securitypolicyviolation', function (e) { window.hfViolations.push(e.effectiveDirective + ' ' + e.blockedURI) }, true)
</script>
<script async nonce="{{nonce}}" src="/cdn/help-feedback/loader.js"></script>
</head><body><main><h1>Wallet</h1><button type="button" id="report" data-help-open="report">Report a problem</button></main>
<script nonce="{{nonce}}">
  document.getElementById('report').addEventListener('click', function () { HelpFeedback('open', 'contact') })
</script></body></html>`

beforeAll(async () => {
  s = await launch()
  strict = await serveStrict(
    { '/with-launcher.html': loaderPage(true), '/no-launcher.html': loaderPage(false) },
    { '/cdn/help-feedback/': `${root}dist` },
  )
})
afterAll(async () => {
  await s?.close()
  await strict?.close()
})

function recordScripts(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script')
      seen.push(new URL(r.url()).pathname.replace(/^(.*\/chunks\/[\w-]+?)-[\w-]{6}\.js$/, '$1.js'))
  })
  return seen
}
const idle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) =>
        requestIdleCallback(() => requestIdleCallback(() => done(), { timeout: 5000 }), { timeout: 5000 }),
      ),
  )

describe('script-tag loader (dist/loader.js)', () => {
  it('loads the entry at idle when a launcher is wanted, then the panel on open, under a nonce-based strict CSP', async () => {
    // A page of its own: no request of an earlier page can land in the list below.
    const page = await s.browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const scripts = recordScripts(page)
    await page.goto(`${strict.url}/with-launcher.html`)
    const launcher = page.locator('[data-help-feedback] >> button.launcher')
    await launcher.waitFor()
    await page.waitForLoadState('networkidle')
    await idle(page)
    expect([...new Set(scripts)].sort()).toEqual([
      '/cdn/help-feedback/chunks/shell.js',
      '/cdn/help-feedback/help-feedback.js',
      '/cdn/help-feedback/loader.js',
    ])
    await launcher.click()
    const dialog = page.locator('[data-help-feedback] >> [role=dialog]')
    await expect.poll(() => dialog.locator('h2').textContent()).toBe('Help & Feedback')
    // The loader's nonce became the SDK's: its styles are nonced <style> elements, not adopted sheets.
    const sheets = await page.evaluate(() => {
      const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
      return { styles: root.querySelectorAll('style').length, adopted: root.adoptedStyleSheets.length }
    })
    expect(sheets.adopted).toBe(0)
    expect(sheets.styles).toBeGreaterThan(0)
    // Queued before the SDK existed, replayed in order once it loaded.
    expect(await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)).toEqual(
      expect.arrayContaining(['widget:open']),
    )
    expect(await page.evaluate(() => (window as unknown as { hfViolations: string[] }).hfViolations)).toEqual([])
    expect(errors).toEqual([])
    // Only the API's own methods are commands: names every object inherits are refused.
    const refused = await page.evaluate(() =>
      ['constructor', 'hasOwnProperty', '__defineGetter__', 'toString'].map((name) => {
        try {
          ;(window as unknown as { HelpFeedback: (c: string, ...a: unknown[]) => unknown }).HelpFeedback(name, 'open')
          return 'accepted'
        } catch (e) {
          return (e as Error).message
        }
      }),
    )
    expect(refused).toEqual([
      "help-feedback: unknown command 'constructor'",
      "help-feedback: unknown command 'hasOwnProperty'",
      "help-feedback: unknown command '__defineGetter__'",
      "help-feedback: unknown command 'toString'",
    ])
    await page.close()
  })

  it('without a launcher it loads nothing more until intent on a data-help-open element', async () => {
    const page = await s.browser.newPage()
    const scripts = recordScripts(page)
    await page.goto(`${strict.url}/no-launcher.html`)
    await page.waitForLoadState('networkidle')
    await idle(page)
    expect([...new Set(scripts)]).toEqual(['/cdn/help-feedback/loader.js'])
    await page.locator('#report').hover()
    await expect.poll(() => scripts.includes('/cdn/help-feedback/help-feedback.js')).toBe(true)
    await page.locator('#report').click()
    const dialog = page.locator('[data-help-feedback] >> [role=dialog]')
    await expect.poll(() => dialog.locator('h2').textContent()).toBe('Contact us')
    expect(await page.evaluate(() => (window as unknown as { hfViolations: string[] }).hfViolations)).toEqual([])
    await page.close()
  })
})

describe('single-file script-tag build (help-feedback.global.js, opt-in)', () => {
  it('replays calls queued before it loaded', async () => {
    const { page } = s
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${baseUrl}/script-tag.html`)
    const dialog = page.locator('[data-help-feedback] >> [role=dialog]')
    await dialog.waitFor()
    expect(await dialog.locator('h2').textContent()).toBe('Contact us')
    const events = await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)
    expect(events).toEqual(expect.arrayContaining(['widget:open']))
    expect(
      await page.evaluate(
        () => typeof (window as unknown as { HelpFeedback: { create: unknown } }).HelpFeedback.create,
      ),
    ).toBe('function')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.locator('#open').click()
    await dialog.waitFor()
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([])
    // Only the API's own methods are commands: names every object inherits are refused.
    const results = await page.evaluate(() =>
      ['constructor', 'hasOwnProperty', 'toString'].map((name) =>
        String(
          (window as unknown as { HelpFeedback: (c: string, ...a: unknown[]) => unknown }).HelpFeedback(name, 'open'),
        ),
      ),
    )
    expect(results).toEqual(['undefined', 'undefined', 'undefined'])
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([
      "help-feedback: unknown command 'constructor'",
      "help-feedback: unknown command 'hasOwnProperty'",
      "help-feedback: unknown command 'toString'",
    ])
  })
})
