import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import type { HelpFeedbackEvent } from '../../src/events.js'
import { stubTransport } from '../support/transport.js'

// The core strings chunk fails to load (offline at first open after the host's early
// `identify()` loaded the core, or a chunk missing on the CDN): only while `failing` is set.
let failing = false
vi.mock('../../src/i18n/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/i18n/index.js')>()
  return {
    ...real,
    // Strings that did not load are not there.
    catalogs: new Proxy(real.catalogs, { get: (t, k) => (failing ? undefined : Reflect.get(t, k)) }),
    loadCatalog: (...args: Parameters<typeof real.loadCatalog>) =>
      failing
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : real.loadCatalog(...args),
  }
})

const transport = stubTransport()
let widget: HelpFeedback | undefined
afterEach(() => {
  failing = false
  widget?.destroy()
  widget = undefined
})
const alert = () =>
  document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelector('.frame [role=alert]') as HTMLElement

describe('the setup message when the core strings cannot load', () => {
  it("is never the error's English text: the host's words for it, else the localized load failure with a retry", async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const events: HelpFeedbackEvent[] = []
    widget = createHelpFeedback({ transport, locale: 'zh-CN', user: { id: '' }, onEvent: (e) => events.push(e) })
    failing = true
    await widget.open()
    expect(alert().textContent).not.toMatch(/ConfigError|options\./)
    expect(alert().textContent).toContain('帮助面板的这部分内容未能加载')
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'config' })
    // Once the strings load, trying again shows the setup message itself.
    failing = false
    alert().querySelector('button')!.click()
    await vi.waitFor(() => expect(alert()?.textContent).toBe('由于应用配置有误，帮助暂时不可用。'))
    widget.destroy()

    const messages = { 'zh-TW': { 'panel.misconfigured': '客服設定中。' } }
    widget = createHelpFeedback({ transport, locale: 'zh-TW', user: { id: '' }, messages })
    failing = true
    await widget.open()
    expect(alert().textContent).toBe('客服設定中。')
    spy.mockRestore()
  })
})
