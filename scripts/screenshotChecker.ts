/**
 * Takes docs/screenshots/checker.png: the wallet demo (reference server, a temporary database)
 * with the checker open on a look-alike link, in headless Chromium at a phone's size (the panel
 * is then a full-screen sheet, as in a wallet app).
 *
 *   npm run build && npx tsx scripts/screenshotChecker.ts [--locale zh-CN] [--value …]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from '../examples/server/server.js'
import { seedDemo } from '../examples/server/seed.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const locale = arg('locale', 'en')
const value = arg('value', 'https://wallet.example.com.evil.cn/refund')
const out = arg('out', join(root, 'docs/screenshots/checker.png'))

const dir = mkdtempSync(join(tmpdir(), 'hf-shot-'))
const server = await startServer({
  port: 0,
  dbPath: join(dir, 'shot.db'),
  secret: 'shot-secret',
  staticRoot: root,
  log: false,
  hours: null,
})
seedDemo(server.db, join(root, 'examples', 'articles'))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})
try {
  const page = await browser.newPage({
    viewport: { width: 430, height: 932 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  })
  await page.goto(`${server.url}/?locale=${locale}&user=screenshot&theme=light`)
  await page.evaluate(
    (v) =>
      (window as unknown as { help: { open(view: string, p: unknown): Promise<void> } }).help.open('checker', {
        value: v,
      }),
    value,
  )
  await page.locator('[data-help-feedback] >> .ck-result[data-verdict]').waitFor()
  // Focus where a user who just pasted the link would have it: the field, not the title.
  await page.locator('[data-help-feedback] >> form.ck-form input').focus()
  await page
    .locator('[data-help-feedback] >> form.ck-form input')
    .evaluate((el: HTMLInputElement) => (el.setSelectionRange(0, 0), (el.scrollLeft = 0)))
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await browser.close()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
