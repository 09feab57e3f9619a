/**
 * Bad options found by the core, whose strings chunk (with the setup message) then fails to
 * load: the user still reads the page's language, never the ConfigError's English text.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch, type Session } from './browser.js'
import { serveStrict, type StaticHost } from './cspServer.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const page = (options: string) => `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>setup</title>
<script type="module" nonce="{{nonce}}">
  import { createHelpFeedback } from '/dist/help-feedback.js'
  const nonce = document.querySelector('script').nonce
  const help = createHelpFeedback({ transport: { type: 'memory' }, nonce, user: { id: '' }, ${options} }).mount()
  window.hfOpen = () => help.open()
</script></head><body><main><h1>Wallet</h1></main></body></html>`
const pages = {
  '/zh-CN.html': page(`locale: 'zh-CN'`),
  '/override.html': page(`locale: 'zh-TW', messages: { 'zh-TW': { 'panel.misconfigured': '客服設定中。' } }`),
}

let host: StaticHost
let s: Session
beforeAll(async () => {
  host = await serveStrict(pages, { '/dist/': `${root}dist` })
  s = await launch()
  await s.browser.route(/i18n-zh-(CN|TW)-core/, (r) => r.abort())
})
afterAll(async () => {
  await s?.close()
  await host?.close()
})

const frameText = async (path: string) => {
  await s.page.goto(host.url + path)
  await s.page.waitForFunction(() => 'hfOpen' in window)
  await s.page.evaluate(() => (window as unknown as { hfOpen(): Promise<void> }).hfOpen())
  return s.page.evaluate(
    () => document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('.frame [role=alert]')?.textContent,
  )
}

describe('setup error with the core strings blocked', () => {
  it("says in the page's language that the panel could not load, with a retry", async () => {
    expect(await frameText('/zh-CN.html')).toBe('帮助面板的这部分内容未能加载，请检查网络后重试。重试')
  })
  it("shows the host's own words for the setup message", async () => {
    expect(await frameText('/override.html')).toBe('客服設定中。')
  })
})
