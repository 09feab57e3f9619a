import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../examples/server/server.js'
import { restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, What the panel does: live chat has "a "leave a message" fallback when nobody is online";
// README top: "A report the user wrote is never lost: it is queued durably and retried";
// Durability: "The outbox … flushes them at once, on `online` …".
// Outside business hours, with the device offline, the user writes a message and taps "Leave a
// message". The panel answers "You are offline. We will send it when you are back online." The
// device comes back online and nothing is sent: no ticket reaches the server, the host never hears
// `report:queued` or `report:sent`, and the panel still shows the same offline notice over the
// unsent text. (When the server, not the device, is unreachable, the same tap does queue it.)
const root = fileURLToPath(new URL('../../..', import.meta.url))
const AGENT = 'closed-hours-agent-key'
const session = sessions()
let closed: RunningServer
beforeAll(async () => {
  // Business hours every day 09:00–21:00 Shanghai, with yesterday, today and tomorrow as holidays:
  // closed now, whatever the time.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  closed = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: 'closed-hours-secret-0123456789abcdef',
    agentKey: AGENT,
    demoTokens: true,
    staticRoot: root,
    log: false,
    hours: {
      timeZone: 'Asia/Shanghai',
      weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day: d, open: '09:00', close: '21:00' })),
      holidays: [day(-1), day(0), day(1)],
    },
  })
})
afterAll(() => closed.close())

const tickets = async (): Promise<unknown[]> =>
  (await (await fetch(`${closed.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': AGENT } })).json()) as unknown[]
const panelText = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.querySelector('[data-help-feedback]')?.shadowRoot?.textContent ?? '')

describe('leave a message outside business hours while the device is offline', () => {
  it('sends the message once the device is back online, as the panel says', { timeout: 90_000 }, async () => {
    const s = await session.start()
    const user = `leave-offline-${Date.now()}`
    const url = await serve(
      s.browser,
      closed.url,
      'leave-offline',
      snippetPage(restOptions('en', 'onEvent: (e) => hfEvents.push(e.type),')),
    )
    const page = s.page
    await page.goto(`${url}?u=${user}`)
    await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('Leave a message')
    await s.browser.setOffline(true)
    const words = 'Please call me back about my refund'
    await shadow(page, 'textarea').first().fill(words)
    const send = shadow(page, 'button[type=submit]').first()
    expect(await send.isEnabled()).toBe(true)
    await send.click()
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('We will send it when you are back online.')

    await s.browser.setOffline(false)
    await expect.poll(async () => (await tickets()).length, { timeout: 30_000 }).toBe(1)
  })
})
