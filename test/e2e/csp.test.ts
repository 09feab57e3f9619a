import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, type Page, type Session } from './browser.js'
import { serveStrict, type StaticHost } from './cspServer.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>strict CSP</title>`

/** One page per way of embedding; each exposes `window.hfOpen(view, params)`. */
const pages = {
  '/bundler.html': `${head}
<script type="module" nonce="{{nonce}}">
  import { createHelpFeedback } from '/dist/help-feedback.js'
  // The server that rendered the page knows its nonce; here it is read back from this script.
  const nonce = document.querySelector('script').nonce
  const help = createHelpFeedback({ locale: 'en', transport: { type: 'memory' }, nonce }).mount()
  window.hfOpen = (view, params) => help.open(view, params)
</script></head><body><main><h1>Wallet</h1></main></body></html>`,

  '/script-tag.html': `${head}
<script nonce="{{nonce}}">
  window.HelpFeedback = window.HelpFeedback || function () { (HelpFeedback.q = HelpFeedback.q || []).push(arguments) }
  HelpFeedback('init', { locale: 'en', transport: { type: 'memory' }, nonce: document.currentScript.nonce })
  window.hfOpen = function (view, params) { return HelpFeedback('open', view, params) }
</script>
<script async nonce="{{nonce}}" src="/dist/help-feedback.global.js"></script>
</head><body><main><h1>Wallet</h1></main></body></html>`,

  // The element gets its nonce from the attribute, which the browser hides from getAttribute().
  '/element.html': `${head}
<script type="module" nonce="{{nonce}}" src="/dist/element.js"></script>
<script type="module" nonce="{{nonce}}">
  await customElements.whenDefined('help-feedback')
  window.hfOpen = (view, params) => document.querySelector('help-feedback').open(view, params)
</script>
</head><body><main><h1>Wallet</h1></main><help-feedback locale="en" nonce="{{nonce}}"></help-feedback></body></html>`,
  // No nonce at all: the SDK's styles go through constructable stylesheets, which style-src does not govern.
  '/element-no-nonce.html': `${head}
<script type="module" nonce="{{nonce}}" src="/dist/element.js"></script>
<script type="module" nonce="{{nonce}}">
  await customElements.whenDefined('help-feedback')
  window.hfOpen = (view, params) => document.querySelector('help-feedback').open(view, params)
</script>
</head><body><main><h1>Wallet</h1></main><help-feedback locale="en"></help-feedback></body></html>`,
}

/** Records every CSP / Trusted Types violation, including those raised inside shadow roots. */
const recordViolations = () => {
  const w = window as unknown as { hfViolations: unknown[] }
  w.hfViolations = []
  document.addEventListener(
    'securitypolicyviolation',
    (e) => {
      w.hfViolations.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        at: `${e.sourceFile}:${e.lineNumber}`,
        target: (e.target as Element | null)?.id || (e.target as Node | null)?.nodeName,
      })
    },
    true,
  )
}

/**
 * Violation events are queued tasks: to know every earlier one has arrived, add an inline
 * `<style>` without the nonce (a violation we cause on purpose) and wait for its own event.
 */
async function violations(page: Page): Promise<unknown[]> {
  await page.evaluate(() => {
    const canary = document.createElement('style')
    canary.id = 'hf-canary'
    canary.textContent = 'h1{color:red}'
    // Kept in the page: a detached element's violation would not reach the document listener.
    document.head.append(canary)
  })
  await page
    .waitForFunction(
      () =>
        (window as unknown as { hfViolations: Array<{ target: string }> }).hfViolations.some(
          (v) => v.target === 'hf-canary',
        ),
      undefined,
      { timeout: 5000 },
    )
    .catch(async () => {
      throw new Error(
        JSON.stringify(await page.evaluate(() => (window as unknown as { hfViolations: unknown }).hfViolations)),
      )
    })
  return page.evaluate(() =>
    (window as unknown as { hfViolations: Array<{ target: string }> }).hfViolations.filter(
      (v) => v.target !== 'hf-canary',
    ),
  )
}

const VIEWS: Array<{ view: string; params?: Record<string, unknown>; title: string; sheet?: string }> = [
  { view: 'home', title: 'Help & Feedback' },
  { view: 'search', params: { query: 'refund' }, title: 'Search results', sheet: 'help' },
  {
    view: 'report',
    params: {
      transaction: {
        id: 'T-1',
        time: '2026-11-30T10:00:00Z',
        amount: 12.5,
        currency: 'CNY',
        counterparty: 'Coffee',
        status: 'failed',
      },
    },
    title: 'Report a problem',
    sheet: 'report',
  },
  { view: 'chat', title: 'Chat with us', sheet: 'chat' },
  { view: 'contact', title: 'Contact us', sheet: 'contact' },
  { view: 'requests', title: 'My requests', sheet: 'report' },
]

let host: StaticHost
let s: Session
beforeAll(async () => {
  host = await serveStrict(pages, { '/dist/': `${root}dist` })
  s = await launch()
  await s.browser.addInitScript(recordViolations)
})
afterAll(async () => {
  await s?.close()
  await host?.close()
})

describe('strict CSP + Trusted Types', () => {
  for (const [path, hostSel] of [
    ['/bundler.html', '[data-help-feedback]'],
    ['/script-tag.html', '[data-help-feedback]'],
    ['/element.html', 'help-feedback'],
    ['/element-no-nonce.html', 'help-feedback'],
  ] as const) {
    const nonced = path !== '/element-no-nonce.html'
    it(`${path.slice(1, -5)} embed: every view renders styled with no policy violation`, async () => {
      const { page } = s
      const errors: string[] = []
      const onError = (e: Error) => errors.push(e.message)
      page.on('pageerror', onError)
      await page.goto(`${host.url}${path}`)
      await page.waitForFunction(() => typeof (window as unknown as { hfOpen?: unknown }).hfOpen === 'function')
      const dialog = page.locator(`${hostSel} >> [role=dialog]`)
      for (const { view, params, title, sheet } of VIEWS) {
        await page.evaluate(
          ([v, p]) => (window as unknown as { hfOpen(v: string, p?: unknown): Promise<void> }).hfOpen(v as string, p),
          [view, params] as const,
        )
        await expect.poll(() => dialog.locator('h2').textContent(), { message: view }).toBe(title)
        // The view's own chunk has rendered (no loading notice left) and brought its sheet.
        await dialog.locator('.body > .status[role=status]').waitFor({ state: 'detached' })
        if (sheet && nonced)
          await page.locator(`${hostSel} >> style[data-hf-sheet=${sheet}]`).waitFor({ state: 'attached' })
      }
      // Styles really apply: the frame is positioned by the shadow root's stylesheet.
      expect(
        await page.evaluate(
          (sel) => getComputedStyle(document.querySelector(sel)!.shadowRoot!.querySelector('.frame')!).position,
          hostSel,
        ),
      ).toBe('fixed')
      // With a nonce, nonced <style> elements; without, adopted sheets only.
      const sheets = await page.evaluate((sel) => {
        const root = document.querySelector(sel)!.shadowRoot!
        return { styles: root.querySelectorAll('style').length, adopted: root.adoptedStyleSheets.length }
      }, hostSel)
      if (nonced) expect(sheets).toMatchObject({ adopted: 0 })
      else expect(sheets).toEqual({ styles: 0, adopted: expect.any(Number) })
      expect(sheets.styles + sheets.adopted).toBeGreaterThanOrEqual(6) // host, panel, help, report, chat, contact
      expect(await violations(page)).toEqual([])
      expect(errors).toEqual([])
      page.off('pageerror', onError)
    })
  }
})
