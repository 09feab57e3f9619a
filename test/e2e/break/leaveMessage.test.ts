import { describe, expect, it } from 'vitest'
import { closedHoursServer, panelText, restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, What the panel does: live chat has "a "leave a message" fallback when nobody is online";
// README top: "A report the user wrote is never lost: it is queued durably and retried";
// Durability: "Error words tell "you are offline" … from "our service is not answering" (a dead
// server, a refused or cut connection …)"; ""Saved on this device" is shown only when durable
// storage took the report."
// Outside business hours the chat offers "leave a message". When the support API is not
// answering (connection refused, device online), Send queues the message (the host hears
// `error` offline and `report:queued`) but the panel tells the user "Thank you. We received your
// message and will answer it in "My requests"." — the server has received nothing. The user
// closes the app believing support has it.
const session = sessions()
const closed = closedHoursServer()

describe('leave a message outside business hours while the support API is not answering', () => {
  it('does not tell the user the message was received before the server has it', async () => {
    const s = await session.start()
    const user = `leave-${Date.now()}`
    const url = await serve(
      s.browser,
      closed.url,
      'leave',
      snippetPage(restOptions('en', "onEvent: (e) => hfEvents.push(e.type + (e.code ? ':' + e.code : '')),")),
    )
    const page = s.page
    await page.goto(`${url}?u=${user}`)
    await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
    await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('Leave a message')
    // The API stops answering (refused connections); the device stays online.
    await s.browser.route(`${closed.url}/v1/**`, (r) => r.abort('connectionrefused'))
    await shadow(page, 'textarea').first().fill('Please call me back about my refund')
    await shadow(page, 'button[type=submit]').first().click()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents), { timeout: 15_000 })
      .toContain('report:queued')
    await page.waitForTimeout(500)
    expect(await closed.tickets()).toEqual([])

    expect(await panelText(page)).not.toContain('We received your message')
  })
})
