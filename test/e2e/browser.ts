import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'

/** Flags that work for headless Debian Chromium as root on a machine with a closed network. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface Session {
  browser: BrowserContext
  page: Page
  close(): Promise<void>
}

/**
 * A browser without a profile, for pages in contexts of their own (viewport, locale, colour
 * scheme each): the screenshot scripts. Tests use {@link launch}.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ARGS })
}

/**
 * A fresh persistent context (own user-data dir, so IndexedDB survives reloads within a test;
 * a first visit for the benchmarks). `viewport: null` keeps Playwright's default.
 */
export async function launch(
  options: { viewport?: { width: number; height: number } | null; isMobile?: boolean; hasTouch?: boolean } = {},
): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'hf-chromium-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: ARGS,
    ...(options.viewport === null ? {} : { viewport: options.viewport ?? { width: 1280, height: 800 } }),
    isMobile: options.isMobile ?? false,
    hasTouch: options.hasTouch ?? false,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (e) => console.error('[page error]', e.message))
  track(context)
  return {
    browser: context,
    page,
    async close() {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type { Browser, Page }

const inflight = new WeakMap<BrowserContext, Map<Request, number>>()

/** Keeps the context's requests still waiting for an answer, for {@link pendingRequests}. */
function track(context: BrowserContext): void {
  const open = new Map<Request, number>()
  inflight.set(context, open)
  context.on('request', (r) => open.set(r, Date.now()))
  context.on('requestfinished', (r) => open.delete(r))
  context.on('requestfailed', (r) => open.delete(r))
}

/**
 * The requests of `context` with no answer yet, oldest first, with how long each has waited:
 * what a test that timed out prints, so a stall can be told from a slow server or a slow page.
 */
export function pendingRequests(context: BrowserContext): string[] {
  const now = Date.now()
  return [...(inflight.get(context) ?? [])]
    .sort((a, b) => a[1] - b[1])
    .map(([r, t]) => `${r.method()} ${r.url()} (${now - t} ms)`)
}

/** An element of the panel, through its shadow root. */
export const w = (page: Page, sel: string) => page.locator(`[data-help-feedback] >> ${sel}`)
/** `help.open(view, params)` on the page's widget (the page keeps it on `window.help`). */
export const open = (page: Page, view: string, params: Record<string, unknown> = {}) =>
  page.evaluate(
    ([v, p]) =>
      (window as unknown as { help: { open(view: string, p: unknown): Promise<void> } }).help.open(v as string, p),
    [view, params] as const,
  )
/** The page after a reload, once the widget has mounted (its launcher is drawn in the same task). */
export async function reload(page: Page): Promise<void> {
  await page.reload()
  await w(page, 'button.launcher').waitFor()
}
/** A JSON answer for `route.fulfill`. */
export const jsonAnswer = (body: unknown) => ({
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(body),
})

/** Where every control of the panel is, by its label, once the panel's open animation is over. */
export const panelControls = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const root = document.querySelector('[data-help-feedback]')!.shadowRoot!
    await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)))
    return [...root.querySelectorAll('button, a, input, textarea')].map((e) => {
      const { x, y } = e.getBoundingClientRect()
      return `${e.textContent || e.getAttribute('aria-label')}@${x},${y}`
    })
  })

/** Whether the panel is open (the host element's `data-open`). */
export const isOpen = (page: Page) =>
  page.locator('[data-help-feedback]').evaluate((el) => el.hasAttribute('data-open'))

/**
 * Evaluated in the page: resolves with `performance.now()` when the panel's dialog title is first
 * in the DOM, checked every frame (so within a frame of the paint). A string, because tsx would
 * wrap a named inner function in a helper the page does not have.
 */
export const PANEL_SHOWN = `new Promise((resolve) => {
  const tick = () =>
    document.querySelector('[data-help-feedback]')?.shadowRoot?.querySelector('[role=dialog] h2')
      ? resolve(performance.now())
      : requestAnimationFrame(tick)
  tick()
})`

const require = createRequire(import.meta.url)
/** axe-core's source, injected into pages under test. */
export const axeSource: string = require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Run axe-core on the widget's shadow root (axe pierces open shadow roots) and the page. */
export async function axe(
  page: Page,
  include?: string,
): Promise<Array<{ id: string; impact: string | null; help: string; nodes: string[] }>> {
  // evaluate() runs through the DevTools protocol, so the page's strict CSP stays on for the widget.
  await page.evaluate(axeSource)
  return page.evaluate(async (sel) => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: unknown,
          opts: unknown,
        ): Promise<{
          violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>
        }>
      }
    }
    // Colour contrast is computed with the opacity on screen: a panel still fading in (its
    // 160 ms open animation) reads as low contrast. Let finite animations end first.
    // (Chromium's document.getAnimations() leaves out shadow trees: each root is asked.)
    const roots: Array<Document | ShadowRoot> = [document]
    for (let i = 0; i < roots.length; i++)
      for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot)
    await Promise.all(
      roots
        .flatMap((r) => r.getAnimations())
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    )
    const context = sel ? { include: [[sel]] } : document
    const result = await w.axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }))
  }, include)
}

/** Opens the agent console and signs in the way an agent does: the key typed once into the form. */
export async function openConsole(page: Page, baseUrl: string, agentKey: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`)
  await page.getByTestId('agent-key').fill(agentKey)
  await page.getByTestId('sign-in').click()
  await page.locator('[data-testid=connection-status][data-state=online]').waitFor()
}
