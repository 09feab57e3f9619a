import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../../widgets/index.js'
import { stubTransport } from '../../support/transport.js'
import type { Transport } from '../../../src/transports/types.js'

let widget: HelpFeedback | undefined
afterEach(() => {
  widget?.destroy()
  widget = undefined
  vi.useRealTimers()
})
const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
const kinds = () => [...shadow().querySelectorAll<HTMLElement>('[data-channel]')].map((e) => e.dataset.channel)

describe('contact panel when the transport’s code takes over 3 s', () => {
  it('an app with chat only (no channels of its own) keeps saying "Loading", not "no channels"', async () => {
    let release!: (t: Transport) => void
    const code = new Promise<Transport>((resolve) => (release = resolve))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    widget = createHelpFeedback({ transport: () => code, locale: 'en' })
    await widget.open('contact')
    await vi.waitFor(() => expect(shadow().querySelector('.ct .status')).not.toBeNull())
    await vi.advanceTimersByTimeAsync(3_100)
    // Nothing the app configured to show early: the way to reach support is on its way.
    expect(shadow().querySelector('.ct')!.textContent).not.toContain('No contact channels are set up yet.')
    expect(shadow().querySelector('.ct .status')?.textContent).toBe('Loading…')
    vi.useRealTimers()
    release(stubTransport({ capabilities: { chat: true, tickets: true } }))
    await vi.waitFor(() => expect(kinds()).toEqual(['chat', 'messages']))
  })
})
