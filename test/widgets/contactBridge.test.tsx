import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectBridge } from '../../widgets/bridge.js'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import { ConfigError } from '../../src/errors/index.js'
import { stubTransport } from '../support/transport.js'

const transport = stubTransport()
type NativeWindow = Window & {
  ReactNativeWebView?: { postMessage(m: string): void }
  HelpFeedbackBridge?: { receive(m: unknown): void }
}
const win = window as NativeWindow

let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
  delete win.ReactNativeWebView
})

const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
const env = (type: string, payload: unknown = {}) => JSON.stringify({ v: 1, id: `h-${type}`, type, payload })

describe('connectBridge (React Native WebView)', () => {
  it('host opens the contact view; tapping the hotline goes to the host as openUrl instead of navigating', async () => {
    const posted: Array<{ type: string; payload: Record<string, unknown> }> = []
    win.ReactNativeWebView = { postMessage: (m) => void posted.push(JSON.parse(m)) }
    widget = createHelpFeedback({
      transport,
      locale: 'en',
      channels: { hotline: { number: '95188' }, email: { address: 'help@example.com' } },
    })
    const bridge = connectBridge(widget, { allowedOrigins: [location.origin] })
    expect(bridge.channel).toBe('react-native')
    expect(posted[0]).toMatchObject({ type: 'ready' })

    win.HelpFeedbackBridge!.receive(env('open', { view: 'contact', params: { problem: 'unauthorized' } }))
    await vi.waitFor(() => expect(shadow().querySelector('[data-channel="hotline"] a')).not.toBeNull())
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 })
    shadow().querySelector<HTMLAnchorElement>('[data-channel="hotline"] a')!.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    expect(posted.filter((m) => m.type === 'openUrl')).toEqual([
      expect.objectContaining({ payload: { url: 'tel:95188' } }),
    ])

    shadow().querySelector<HTMLAnchorElement>('[data-channel="email"] a')!.click()
    expect(posted.filter((m) => m.type === 'openUrl').at(-1)!.payload.url).toMatch(
      /^mailto:help@example\.com\?subject=Help%20request%3A%20Unauthorized%20transaction&body=/,
    )
  })

  it('locale from the host re-renders the open panel; close goes back to the host; destroy removes the receiver', async () => {
    const posted: Array<{ type: string; payload: Record<string, unknown> }> = []
    win.ReactNativeWebView = { postMessage: (m) => void posted.push(JSON.parse(m)) }
    widget = createHelpFeedback({ transport, locale: 'en', channels: { hotline: { number: '95188' } } })
    connectBridge(widget, { allowedOrigins: [location.origin] })
    win.HelpFeedbackBridge!.receive(env('open', { view: 'contact' }))
    await vi.waitFor(() => expect(shadow().querySelector('h2')?.textContent).toBe('Contact us'))
    win.HelpFeedbackBridge!.receive(env('locale', { locale: 'zh-Hant-TW' }))
    await vi.waitFor(() => expect(shadow().querySelector('h2')?.textContent).toBe('聯絡我們'))
    expect(shadow().querySelector('.launcher')?.textContent).toContain('說明與意見回饋')
    widget.close()
    expect(posted.map((m) => m.type)).toContain('close')
    widget.destroy()
    widget = undefined
    expect(win.HelpFeedbackBridge).toBeUndefined()
  })

  it('outside a WebView links behave normally', async () => {
    widget = createHelpFeedback({ transport, locale: 'en', channels: { hotline: { number: '95188' } } })
    expect(connectBridge(widget, { allowedOrigins: [location.origin] }).channel).toBe('none')
    await widget.open('contact')
    await vi.waitFor(() => expect(shadow().querySelector('[data-channel="hotline"] a')).not.toBeNull())
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 })
    click.preventDefault = vi.fn(click.preventDefault.bind(click))
    shadow().querySelector<HTMLAnchorElement>('[data-channel="hotline"] a')!.dispatchEvent(click)
    expect(click.preventDefault).not.toHaveBeenCalled()
  })

  it('rejects "*" and non-origins with a ConfigError naming the path', () => {
    widget = createHelpFeedback({ transport })
    expect(() => connectBridge(widget!, { allowedOrigins: ['*'] })).toThrow(ConfigError)
    expect(() => connectBridge(widget!, { allowedOrigins: ['https://a.example/x'] })).toThrow(
      /options\.bridge\.allowedOrigins\.0/,
    )
  })
})
