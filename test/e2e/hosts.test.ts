import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from '../package/packed.js'
import { launch, type Page, type Session } from './browser.js'
import { serveStrict, type StaticHost } from './cspServer.js'

const run = promisify(execFile)
const vite = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', ...args, '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, ...env },
  })

// Same-origin only; inline styles allowed because these pages pass no nonce (csp.test.ts covers nonces).
const policy = () => "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'"

let host: StaticHost
let s: Session

beforeAll(async () => {
  // The examples resolve `help-feedback` to the packed tarball (test/package/globalSetup.ts).
  // React is built with its development runtime so StrictMode really runs effects twice.
  await Promise.all([
    vite(['examples/react'], { NODE_ENV: 'development' }),
    vite(['examples/react', '--ssr', 'src/entry-server.tsx', '--outDir', 'dist-ssr'], { NODE_ENV: 'production' }),
    vite(['examples/vue'], { NODE_ENV: 'production' }),
  ])
  const page = (dir: string) => readFileSync(join(root, dir, 'dist/index.html'), 'utf8')
  // The server render runs in plain Node (no DOM), importing the SDK and the element.
  const ssr = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { render } = await import(${JSON.stringify(pathToFileURL(join(root, 'examples/react/dist-ssr/entry-server.js')).href)}); process.stdout.write(render())`,
    ],
    { cwd: root },
  )
  const render = () => ssr.stdout
  host = await serveStrict(
    {
      '/react/index.html': page('examples/react').replace('<!--app-->', ''),
      '/react/ssr.html': page('examples/react').replace('<!--app-->', render()),
      '/vue/index.html': page('examples/vue'),
      '/favicon.ico': '', // the browser asks for it; a 404 would be logged as an error
    },
    { '/react/': join(root, 'examples/react/dist'), '/vue/': join(root, 'examples/vue/dist') },
    policy,
  )
  s = await launch()
}, 180_000)
afterAll(async () => {
  await s?.close()
  await host?.close()
})

const apiHost = (page: Page) => page.locator('[data-help-feedback]')
const dialogIn = (page: Page, sel: string) => page.locator(`${sel} >> [role=dialog]`)

/** The report view first asks what went wrong; picking the first category shows the form. */
async function openForm(page: Page): Promise<void> {
  const dialog = dialogIn(page, '[data-help-feedback]')
  await dialog.locator('[data-categories] [data-category]').first().click({ timeout: 10_000 })
  await dialog.locator('form[data-category]').waitFor({ timeout: 10_000 })
}

/** Errors the page reports: uncaught exceptions, console errors, React's recoverable (hydration) errors. */
function watchErrors(page: Page): () => Promise<string[]> {
  const errors: string[] = []
  const onError = (e: Error) => errors.push(e.message)
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') errors.push(m.text())
  }
  page.on('pageerror', onError)
  page.on('console', onConsole)
  return async () => {
    page.off('pageerror', onError)
    page.off('console', onConsole)
    return [
      ...errors,
      ...(await page.evaluate(() => (window as unknown as { hfRecoverable?: string[] }).hfRecoverable ?? [])),
    ]
  }
}

/** The wallet page in either framework: one widget, report from a row, locale + theme, element, unmount. */
async function walletFlow(page: Page, url: string, expectedEvents: string[]): Promise<void> {
  await page.goto(url)
  await page.getByTestId('report-tx').first().waitFor()
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { hfEvents?: string[] }).hfEvents ?? []))
    .toEqual(expectedEvents)
  expect(await apiHost(page).count()).toBe(1)

  // "Report a problem" on a transaction row opens the report form about that transaction.
  await page.getByTestId('report-tx').first().click()
  const dialog = dialogIn(page, '[data-help-feedback]')
  await expect.poll(() => dialog.locator('h2').textContent()).toBe('Report a problem')
  await openForm(page)
  await expect.poll(() => dialog.textContent()).toContain('T-1001')

  // The widget follows the app's locale and theme.
  await page.getByTestId('locale').selectOption('zh-CN')
  await expect.poll(() => dialog.locator('h2').textContent()).toBe('反馈交易问题')
  await page.getByTestId('theme').click()
  await expect.poll(() => apiHost(page).getAttribute('data-theme')).toBe('dark')
  // Focus is on the app's theme button now, so close with the panel's close button (last in the header).
  await dialog.locator('.head button').last().click()
  await dialog.waitFor({ state: 'detached', timeout: 10_000 })

  // The <help-feedback> element, driven by the framework's props and a ref.
  const element = page.locator('help-feedback')
  await expect.poll(() => element.getAttribute('locale')).toBe('zh-CN')
  await page.getByTestId('contact').click()
  await expect.poll(() => dialogIn(page, 'help-feedback').locator('h2').textContent()).toBe('联系我们')
  expect(await element.getAttribute('data-theme')).toBe('dark')

  // Unmounting the page destroys the widget and removes the element.
  await page.getByTestId('sign-out').click()
  await page.getByTestId('signed-out').waitFor()
  expect(await apiHost(page).count()).toBe(0)
  expect(await element.count()).toBe(0)
  expect((await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)).at(-1)).toBe(
    'widget:destroy',
  )
}

describe('framework hosts built from the packed package', () => {
  it('React 19 under StrictMode: one widget despite double effects, report from a row, locale/theme, element, destroy on unmount', async () => {
    const errors = watchErrors(s.page)
    // StrictMode's development double effect: mounted, destroyed, mounted again — never two at once.
    await walletFlow(s.page, `${host.url}/react/index.html`, ['widget:mount', 'widget:destroy', 'widget:mount'])
    expect(await errors()).toEqual([])
  })

  it('React server-rendered page hydrates without errors, then opens the report form', async () => {
    const { page } = s
    const errors = watchErrors(page)
    await page.goto(`${host.url}/react/ssr.html`)
    // The markup came from the server: the rows exist before any script ran.
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=report-tx]').length)).toBe(3)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { hfEvents?: string[] }).hfEvents?.at(-1)))
      .toBe('widget:mount')
    await page.getByTestId('report-tx').nth(1).click()
    const dialog = dialogIn(page, '[data-help-feedback]')
    await openForm(page)
    await expect.poll(() => dialog.textContent()).toContain('T-1002')
    expect(await apiHost(page).count()).toBe(1)
    expect(await errors()).toEqual([])
  })

  it('Vue 3: one widget, report from a row, locale/theme, element, destroy on unmount', async () => {
    const errors = watchErrors(s.page)
    await walletFlow(s.page, `${host.url}/vue/index.html`, ['widget:mount'])
    expect(await errors()).toEqual([])
  })
})
