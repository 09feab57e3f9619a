import { describe, expect, inject, it } from 'vitest'
import { deviceStorage, openReport, restOptions, sessions, shadow } from '../break/host.js'

// README, Durability: "`logout({ forget: true })` deletes their drafts, transcripts and unsent
// jobs on this device", and "Drafts … are written after a typing pause and on `pagehide` /
// hidden: then a masked copy also goes to `localStorage` synchronously". A user types a report and
// leaves the page at once (the app goes to the background, a link, a reload): the draft lives in
// localStorage only. Back in the app they sign out with "forget me on this device". The copy
// stays in localStorage, and the draft is back in the form when they sign in again.
const baseUrl = inject('baseUrl')
const session = sessions()

type Help = {
  logout(o: { forget: boolean }): Promise<void>
  identify(u: { id: string }): Promise<void>
  open(v: string, p?: unknown): Promise<void>
}

describe('logout({ forget: true }) after a draft kept at pagehide', () => {
  it('deletes the draft: nothing of it in storage, and the form is empty when the user signs in again', async () => {
    const s = await session.start()
    const user = `forget-${Date.now()}`
    const words = 'Private words about my clinic visit'
    const page = await openReport(s, baseUrl, 'forget', restOptions('en'), user)
    await shadow(page, '[data-field=description] textarea').fill(words)
    // Leave at once, before the typing pause: only the pagehide copy keeps the words.
    await page.goto('about:blank')
    await page.goto(`${baseUrl}/break/forget.html?u=${user}`)
    await page.waitForFunction(() => 'help' in window)

    await page.evaluate(() => (window as unknown as { help: Help }).help.logout({ forget: true }))
    const stored = await deviceStorage(page)
    expect.soft(stored).not.toContain(words)

    // The same user signs in again: the form they open starts empty.
    await page.evaluate(async (who) => {
      const w = window as unknown as { who: string; help: Help }
      w.who = who
      await w.help.identify({ id: who })
      await w.help.open('report', { category: 'charged_not_received' })
    }, user)
    const description = shadow(page, '[data-field=description] textarea')
    await description.waitFor()
    // The form reads its saved draft as it opens; give it that moment.
    await page.waitForTimeout(1500)
    expect(await description.inputValue()).toBe('')
  })
})
