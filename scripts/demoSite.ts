/**
 * What the screenshot scripts take pictures of: the wallet demo on the reference server (a
 * temporary database, the demo articles, open hours) and a headless Chromium to look at it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { startServer, type ServerOptions } from '../examples/server/server.js'
import { seedDemo } from '../examples/server/seed.js'
import { launchBrowser } from '../test/e2e/browser.js'

export const root = fileURLToPath(new URL('../', import.meta.url))

export interface DemoSite {
  url: string
  browser: Browser
  close(): Promise<void>
}

/** `options` adds to the server's (e.g. an agent key). */
export async function startDemoSite(options: ServerOptions = {}): Promise<DemoSite> {
  const dir = mkdtempSync(join(tmpdir(), 'hf-shots-'))
  const server = await startServer({
    port: 0,
    dbPath: join(dir, 'shots.db'),
    secret: 'shots-secret',
    staticRoot: root,
    log: false,
    hours: null,
    ...options,
  })
  seedDemo(server.db, join(root, 'examples', 'articles'))
  const browser = await launchBrowser()
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close()
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `help.open(view, params)` on the demo page. */
export const openView = (page: Page, view: string, params: Record<string, unknown> = {}) =>
  page.evaluate(
    ([v, p]) =>
      (window as unknown as { help: { open(view: string, p: unknown): Promise<void> } }).help.open(v as string, p),
    [view, params] as const,
  )

/** `--name value` from the command line. */
export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
