import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHelpFeedback, type HelpFeedback } from '../../widgets/index.js'
import type { ChannelsOption } from '../../src/contact/channels.js'
import { stubTransport } from '../support/transport.js'
import type { Availability } from '../../src/types.js'

const channels: ChannelsOption = {
  hotline: { number: '95188', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })) },
  email: { address: 'help@wallet.example.com' },
  website: { url: 'https://help.wallet.example.com/' },
  social: [{ name: 'Weibo', url: 'https://weibo.com/wallet', handle: '@wallet' }],
  servicePoints: [
    {
      name: 'Pudong',
      address: '1 Century Ave',
      mapUrl: 'https://maps.example.com/?q=pudong',
      hours: [{ day: 6, open: '10:00', close: '16:00' }],
    },
  ],
  timeZone: 'Asia/Shanghai',
  holidays: ['2026-10-01', '2026-10-02', '2025-01-01'],
}

const transport = (availability?: Availability) =>
  stubTransport({
    capabilities: { chat: true, tickets: true },
    ...(availability ? { availability: async () => availability } : {}),
  })

let widget: HelpFeedback | undefined
let savedTz: string | undefined
beforeAll(() => {
  savedTz = process.env.TZ
  process.env.TZ = 'Asia/Shanghai'
})
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ
  else process.env.TZ = savedTz
})
afterEach(() => {
  widget?.destroy()
  widget = undefined
  vi.useRealTimers()
})

const shadow = () => (document.querySelector('[data-help-feedback]') as HTMLElement).shadowRoot!
const items = () => [...shadow().querySelectorAll<HTMLElement>('[data-channel]')]
const item = (kind: string) => shadow().querySelector<HTMLElement>(`[data-channel="${kind}"]`)!

async function openContact(options: Parameters<typeof createHelpFeedback>[0], params: Record<string, unknown> = {}) {
  widget = createHelpFeedback({
    transport: transport(),
    channels,
    locale: 'en',
    appVersion: 'wallet 5.2.0',
    ...options,
  })
  await widget.open('contact', params)
  await vi.waitFor(() => expect(items().length).toBeGreaterThan(0))
  // Chat and messages appear once the transport (and its capabilities) has resolved.
  await vi.waitFor(() => expect(shadow().querySelector('[data-channel="chat"]')).not.toBeNull())
}

describe('contact panel', () => {
  it('urgent problem: hotline and chat first and recommended, tel: link, official notice next to the list', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-09-30T04:00:00Z')) // 12:00 in Shanghai
    await openContact({}, { problem: 'unauthorized', reference: 'HF-2026-000123' })
    expect(items().map((el) => el.dataset.channel)).toEqual([
      'hotline',
      'chat',
      'messages',
      'email',
      'servicePoints',
      'website',
      'social',
    ])
    expect(
      items()
        .filter((el) => el.hasAttribute('data-recommended'))
        .map((el) => el.dataset.channel),
    ).toEqual(['hotline', 'chat'])
    expect(shadow().querySelector('[data-urgency="urgent"]')?.textContent).toMatch(
      /call the hotline or start a chat now/,
    )

    const tel = item('hotline').querySelector('a')!
    expect(tel.getAttribute('href')).toBe('tel:95188')
    expect(tel.getAttribute('aria-label')).toBe('Call 95188')
    expect(item('hotline').textContent).toContain('Open now · closes at 21:00')

    const list = shadow().querySelector('.ct-list')!
    const notice = shadow().getElementById(list.getAttribute('aria-describedby')!)!
    expect(notice.textContent).toMatch(
      /only official channels.*never ask for your password, PIN or SMS verification code/,
    )
    expect(notice.nextElementSibling).toBe(list)
    expect(shadow().textContent).toContain('Your reference number: HF-2026-000123')
  })

  it('e-mail draft carries the reference, problem, versions and locale; outside links are https and marked external', async () => {
    await openContact({}, { problem: 'charged_not_received', reference: 'HF-2026-000123' })
    const href = item('email').querySelector('a')!.getAttribute('href')!
    expect(href.startsWith('mailto:help@wallet.example.com?subject=')).toBe(true)
    const subject = decodeURIComponent(/subject=([^&]*)/.exec(href)![1]!)
    const body = decodeURIComponent(/body=([^&]*)/.exec(href)![1]!)
    expect(subject).toBe('Help request HF-2026-000123: Charged but not received')
    expect(body).toContain(
      'Reference number: HF-2026-000123\r\nProblem: Charged but not received\r\nApp version: wallet 5.2.0\r\nHelp SDK version: 0.1.0\r\nLanguage: en',
    )
    const links = [...shadow().querySelectorAll<HTMLAnchorElement>('[data-hf-external]')].map((a) =>
      a.getAttribute('href')!,
    )
    expect(links.every((h) => /^(tel:|mailto:|https:)/.test(h))).toBe(true)
    expect(item('website').querySelector('a')!.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('a simple question puts messages and email first; "Write a message" opens the report with the category', async () => {
    await openContact({}, { problem: 'refund_not_received' })
    expect(
      items()
        .map((el) => el.dataset.channel)
        .slice(0, 3),
    ).toEqual(['messages', 'email', 'chat'])
    const client = await widget!.client()
    item('messages').querySelector('button')!.click()
    expect(client.store.getState().ui).toMatchObject({ view: 'report', params: { category: 'refund_not_received' } })
  })

  it('shows the chat queue from availability; at peak, chat moves behind the written channels', async () => {
    await openContact({
      transport: transport({ agentsOnline: 2, queueLength: 14, open: true, expectedWaitSeconds: 1500 }),
    })
    await vi.waitFor(() => expect(item('chat').textContent).toContain('Busy right now: expected wait about 25 min'))
    expect(
      items()
        .map((el) => el.dataset.channel)
        .slice(0, 4),
    ).toEqual(['hotline', 'messages', 'email', 'chat'])
  })

  it('lists upcoming holidays and the weekly hours with the operator zone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-09-30T04:00:00Z'))
    await openContact({})
    const holidays = shadow().querySelector('[data-holidays]')!
    expect([...holidays.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))).toEqual([
      '2026-10-01',
      '2026-10-02',
    ])
    expect(holidays.textContent).toContain('Thu, October 1, 2026')
    const hours = item('hotline').querySelector('details')!
    expect(hours.querySelector('dt')!.textContent).toBe('Mon–Sun')
    expect(hours.querySelector('dd')!.textContent).toBe('09:00–21:00')
    expect(hours.textContent).toContain('Times shown in China Standard Time.')
    expect(shadow().textContent).toMatch(/Have these ready.*order or transaction number.*Screenshots/)
  })

  it('re-renders every minute: "open now" flips to "opens tomorrow" at closing time', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    vi.setSystemTime(new Date('2026-09-29T12:59:30Z')) // 20:59:30 in Shanghai
    await openContact({})
    expect(item('hotline').querySelector('.ct-status')!.textContent).toBe('Open now · closes at 21:00')
    await vi.advanceTimersByTimeAsync(31_000)
    await vi.waitFor(() =>
      expect(item('hotline').querySelector('.ct-status')!.textContent).toBe('Closed · opens tomorrow at 09:00'),
    )
  })

  it('follows the locale at run time (zh-TW) and ignores unknown parameters', async () => {
    await openContact({ locale: 'zh-TW' }, { problem: 'not-a-category', reference: 'has spaces <b>' })
    expect(shadow().querySelector('h2')!.textContent).toBe('聯絡我們')
    expect(shadow().textContent).toContain('以下是我們僅有的官方管道')
    expect(shadow().querySelector('[data-urgency]')).toBeNull()
    expect(shadow().textContent).not.toContain('has spaces')
    widget!.setLocale('zh-CN')
    await vi.waitFor(() => expect(shadow().querySelector('h2')!.textContent).toBe('联系我们'))
    expect(item('hotline').querySelector('h3')!.textContent).toBe('客服热线')
  })
})
