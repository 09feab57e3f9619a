import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../../widgets/index.js'
import { stubTransport } from '../../support/transport.js'
import type { Transport } from '../../../src/transports/types.js'
import type { ChannelsOption } from '../../../src/contact/channels.js'

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

  // An urgent problem (money taken without the user): the guidance says call or chat now. With the
  // hotline closed, a list shown early would put chat, the one open way, at its end when it comes.
  const hotline = (days: number[]) => ({
    hotline: { number: '95188', hours: days.map((day) => ({ day, open: '09:00', close: '21:00' })) },
    email: { address: 'help@wallet.example.com' },
    timeZone: 'Asia/Shanghai',
  })
  const urgent = async (channels: ChannelsOption) => {
    let release!: (t: Transport) => void
    const code = new Promise<Transport>((resolve) => (release = resolve))
    // Monday 2026-12-07, 11:00 in Shanghai.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-07T03:00:00Z') })
    widget = createHelpFeedback({ transport: () => code, locale: 'en', channels })
    await widget.open('contact', { problem: 'unauthorized' })
    await vi.waitFor(() => expect(shadow().querySelector('.ct .status')).not.toBeNull())
    await vi.advanceTimersByTimeAsync(3_100)
    return () => release(stubTransport({ capabilities: { chat: true, tickets: true } }))
  }

  it('an urgent problem with the hotline closed waits for chat rather than putting it last', async () => {
    const release = await urgent(hotline([0]))
    expect(kinds()).toEqual([])
    expect(shadow().querySelector('.ct .status')?.textContent).toBe('Loading…')
    release()
    vi.useRealTimers()
    await vi.waitFor(() => expect(kinds()[0]).toBe('chat'))
  })

  it('an urgent problem with the hotline open shows it early; chat joins below', async () => {
    const release = await urgent(hotline([0, 1, 2, 3, 4, 5, 6]))
    expect(kinds()[0]).toBe('hotline')
    release()
    vi.useRealTimers()
    await vi.waitFor(() => expect(kinds()).toContain('chat'))
    expect(kinds()[0]).toBe('hotline')
  })

  // A hotline configured without hours is open as far as the panel knows (channelGuidance: missing
  // = treated as open, put first for an urgent problem): like one open now, it shows after 3 s.
  it('an urgent problem with a hotline without hours shows it early; chat joins below', async () => {
    const release = await urgent({ hotline: { number: '95188' }, email: { address: 'help@wallet.example.com' } })
    expect(kinds()[0]).toBe('hotline')
    release()
    vi.useRealTimers()
    await vi.waitFor(() => expect(kinds()).toContain('chat'))
    expect(kinds()[0]).toBe('hotline')
  })
})
