import { describe, expect, inject, it } from 'vitest'
import { openReport, restOptions, sessions, shadow, ticketsOf } from './host.js'

// README, Durability: "When IndexedDB is missing, `open` throws or never settles (3 s), or a
// write fails …, data stays in memory for the page, the host gets `storage:fallback` with the
// reason (… `timeout` …), and the report form says before Send that the report cannot be kept if
// the app closes." Some Android WebViews never settle `indexedDB.open`. The form opens and takes
// typing at once, but what the user types during the 3 s probe is wiped when the (empty) draft
// load settles: the form then warns ("Send it now while you are online") over an empty
// description, and Send is refused as invalid. The user's words are lost.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

describe('indexedDB.open never settles', () => {
  it('keeps what the user typed before the probe settled, and sends it (online)', async () => {
    const s = await session.start()
    // A request whose success, error, blocked and upgradeneeded events never fire.
    await s.browser.addInitScript(() => {
      IDBFactory.prototype.open = function () {
        return Object.assign(new EventTarget(), { readyState: 'pending' }) as unknown as IDBOpenDBRequest
      }
    })
    const user = `idb-hang-${Date.now()}`
    const options = restOptions('en', "onEvent: (e) => hfEvents.push(e.type + (e.reason ? ':' + e.reason : '')),")
    const page = await openReport(s, baseUrl, 'idb-hang', options, user)
    const description = shadow(page, '[data-field=description] textarea')
    const words = 'The pharmacy never got the money I paid'
    // Typed as soon as the form shows, before the storage probe has settled.
    await description.fill(words)
    // The documented part holds: the fallback is announced and the form warns.
    await shadow(page, '[data-storage-warning]').waitFor({ timeout: 15_000 })
    expect(await page.evaluate(() => (window as unknown as { hfEvents: string[] }).hfEvents)).toContain(
      'storage:fallback:timeout',
    )

    expect(await description.inputValue()).toBe(words)

    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result]').first().waitFor({ timeout: 20_000 })
    await expect.poll(async () => (await ticketsOf(baseUrl, agentKey, user)).length, { timeout: 20_000 }).toBe(1)
  })
})
