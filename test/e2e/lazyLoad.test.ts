import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
let s: Session
beforeAll(async () => {
  s = await launch()
})
afterAll(async () => {
  await s?.close()
})

/** Every script the page requested, as paths with chunk hashes removed (`/dist/chunks/shell.js`). */
function recordScripts(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script')
      seen.push(new URL(r.url()).pathname.replace(/^(\/dist\/chunks\/[\w-]+?)-[\w-]{8}\.js$/, '$1.js'))
  })
  return seen
}

/** Resolves once the page has been idle (no task pending) twice in a row: the SDK's idle work has had its chance. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((done) => {
        const idle = (f: () => void) => requestIdleCallback(() => f(), { timeout: 5000 })
        idle(() => idle(() => done()))
      }),
  )

describe('what the wallet demo loads in a fresh profile', () => {
  it('before any interaction: the page, the SDK entry and its shell chunk only; the launcher hover then fetches the panel', async () => {
    const { page } = s
    const scripts = recordScripts(page)
    await page.goto(`${baseUrl}/?user=lazy-${Date.now()}`)
    const launcher = page.locator('[data-help-feedback] >> button.launcher')
    await launcher.waitFor()
    await page.waitForLoadState('networkidle')
    await settle(page)
    expect([...new Set(scripts)].sort()).toEqual([
      '/app.js',
      '/dist/chunks/shell.js',
      '/dist/help-feedback.js',
      '/transactions.js',
    ])
    expect(await page.locator('[data-help-feedback][data-prefetched]').count()).toBe(0)

    // Intent: the panel's runtime, the headless core and the transport come now, before the click.
    await launcher.hover()
    await expect.poll(() => scripts.includes('/dist/chunks/runtime.js')).toBe(true)
    await expect.poll(() => scripts.some((f) => f.startsWith('/dist/chunks/core'))).toBe(true)
    await launcher.click()
    await page.locator('[data-help-feedback] >> [role=dialog] h2').waitFor()
    // The demo's REST transport and its strings were loaded for the open, not before.
    expect(scripts).toContain('/transports.js')
    expect(scripts).toContain('/dist/transports/rest.js')
  })
})
