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

// A hotline configured without hours is open as far as the panel knows (channelGuidance: missing
// = treated as open, put first for an urgent problem): like one open now, it shows after 3 s.
describe('contact panel, urgent problem, transport code over 3 s, hotline without hours', () => {
  it('shows the hotline early instead of "Loading"; chat joins below', async () => {
    let release!: (t: Transport) => void
    const code = new Promise<Transport>((resolve) => (release = resolve))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    widget = createHelpFeedback({
      transport: () => code,
      locale: 'en',
      channels: { hotline: { number: '95188' }, email: { address: 'help@wallet.example.com' } },
    })
    await widget.open('contact', { problem: 'unauthorized' })
    await vi.waitFor(() => expect(shadow().querySelector('.ct .status')).not.toBeNull())
    await vi.advanceTimersByTimeAsync(3_100)
    expect(kinds()[0]).toBe('hotline')
    release(stubTransport({ capabilities: { chat: true, tickets: true } }))
    vi.useRealTimers()
    await vi.waitFor(() => expect(kinds()).toContain('chat'))
    expect(kinds()[0]).toBe('hotline')
  })
})
