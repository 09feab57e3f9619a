import { describe, expect, it } from 'vitest'
import { closedHoursServer, panelText, restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, What the panel does: live chat has "a "leave a message" fallback when nobody is online";
// README top: "A report the user wrote is never lost: it is queued durably and retried";
// Durability: "The outbox … flushes them at once, on `online` …".
// Outside business hours, with the device offline, the user writes a message and taps "Leave a
// message". The panel answers "You are offline. We will send it when you are back online." The
// device comes back online and nothing is sent: no ticket reaches the server, the host never hears
// `report:queued` or `report:sent`, and the panel still shows the same offline notice over the
// unsent text. (When the server, not the device, is unreachable, the same tap does queue it.)
const session = sessions()
const closed = closedHoursServer()

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
    await expect.poll(async () => (await closed.tickets()).length, { timeout: 30_000 }).toBe(1)
  })
})
