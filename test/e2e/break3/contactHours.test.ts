import { describe, expect, inject, it } from 'vitest'
import { panelText, restOptions, serve, sessions, shadow, snippetPage } from '../break/host.js'

// README, Contact channels: "each with working hours in the operator's time zone and holidays,
// "open now / opens at 09:00" live". A user in New York; the operator in Shanghai, open
// 09:00–21:00 every day, closed on 25 December. The hotline's line is read in the user's zone
// with the operator's time beside it, skips the holiday, and follows the clock when it jumps
// (the phone wakes up the next morning, Shanghai time) without reopening the panel.
const baseUrl = inject('baseUrl')
const session = sessions()

const channels = `channels: {
  hotline: { number: '95188', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '21:00' })) },
  timeZone: 'Asia/Shanghai',
  holidays: ['2026-12-25'],
},`

describe('contact hours for a user in another time zone', () => {
  it('says closed for the holiday and when it opens in both zones, then open after the clock jumps', async () => {
    const s = await session.start()
    const cdp = await s.browser.newCDPSession(s.page)
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' })
    // 25 Dec 10:00 in Shanghai is 24 Dec 21:00 in New York.
    await s.page.clock.install({ time: new Date('2026-12-25T02:00:00Z') })
    const url = await serve(s.browser, baseUrl, 'contact-hours', snippetPage(restOptions('en', channels)))
    await s.page.goto(`${url}?u=hours-${Date.now()}`)
    await s.page.evaluate(() =>
      (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('contact'),
    )
    await shadow(s.page, 'text=95188').first().waitFor()
    // Re-opens 26 Dec 09:00 Shanghai = 25 Dec 20:00 New York, "tomorrow" for the user.
    await expect
      .poll(() => panelText(s.page))
      .toContain('Closed for a public holiday · opens tomorrow at 20:00 (09:00 China Standard Time)')

    // The phone sleeps and wakes at 26 Dec 09:30 Shanghai (25 Dec 20:30 New York).
    await s.page.clock.setSystemTime(new Date('2026-12-26T01:30:00Z'))
    await s.page.clock.runFor(61_000)
    await expect.poll(() => panelText(s.page)).toContain('Open now · closes at 08:00 (21:00 China Standard Time)')
  })
})
