import { describe, expect, it } from 'vitest'
import { closedHoursServer, panelText, restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, Durability: "Drafts (report form, chat composer, leave-a-message, request reply) are
// written after a typing pause and on `pagehide` / hidden". A leave-a-message text typed outside
// business hours comes back after a reload, both after a pause and when the page is left at once.
const session = sessions()
const closed = closedHoursServer()

describe('leave-a-message draft', () => {
  for (const pause of [true, false]) {
    it(`comes back after a reload (${pause ? 'after a typing pause' : 'reloaded at once'})`, async () => {
      const s = await session.start()
      const user = `leave-draft-${pause}-${Date.now()}`
      const url = await serve(s.browser, closed.url, 'leave-draft', snippetPage(restOptions('en')))
      const page = s.page
      const open = async () => {
        await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
        await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('Leave a message')
      }
      await page.goto(`${url}?u=${user}`)
      await open()
      const words = 'My refund from Alice Pharmacy never arrived'
      await shadow(page, 'textarea').first().fill(words)
      if (pause) await page.waitForTimeout(2000)
      await page.reload()
      await open()
      await expect.poll(() => shadow(page, 'textarea').first().inputValue(), { timeout: 10_000 }).toBe(words)
      expect(await closed.tickets()).toEqual([])
    })
  }
})
