/**
 * Takes docs/screenshots/checker.png: the wallet demo (reference server, a temporary database)
 * with the checker open on a look-alike link, in headless Chromium at a phone's size (the panel
 * is then a full-screen sheet, as in a wallet app).
 *
 *   npm run build && npx tsx scripts/screenshotChecker.ts [--locale zh-CN] [--value …]
 */
import { join } from 'node:path'
import { arg, openView, root, startDemoSite } from './demoSite.js'

const locale = arg('locale') ?? 'en'
const value = arg('value') ?? 'https://wallet.example.com.evil.cn/refund'
const out = arg('out') ?? join(root, 'docs/screenshots/checker.png')

const site = await startDemoSite()
try {
  const page = await site.browser.newPage({
    viewport: { width: 430, height: 932 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  })
  await page.goto(`${site.url}/?locale=${locale}&user=screenshot&theme=light`)
  await openView(page, 'checker', { value })
  await page.locator('[data-help-feedback] >> .ck-result[data-verdict]').waitFor()
  // Focus where a user who just pasted the link would have it: the field, not the title.
  await page.locator('[data-help-feedback] >> form.ck-form input').focus()
  await page
    .locator('[data-help-feedback] >> form.ck-form input')
    .evaluate((el: HTMLInputElement) => (el.setSelectionRange(0, 0), (el.scrollLeft = 0)))
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await site.close()
}
