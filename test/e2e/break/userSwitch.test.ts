import { describe, expect, inject, it } from 'vitest'
import { openReport, restOptions, sessions, shadow, ticketDetail, ticketsOf } from './host.js'

// README, Durability: "Everything on the device belongs to one user … identify(otherUser)
// switches scope and drops the previous session". A host calls identify() when the account
// changes (a switch, a session that expired and another user signed in). The panel that was
// open on the first user's report keeps their words and transaction, and Send files them as the
// second user's ticket.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

describe('another user signs in while the report form is open', () => {
  it("does not show the first user's draft to the second, nor file it as theirs", async () => {
    const s = await session.start()
    const alice = `alice-${Date.now()}`
    const bob = `bob-${Date.now()}`
    const page = await openReport(s, baseUrl, 'switch', restOptions('en'), alice)
    const description = shadow(page, '[data-field=description] textarea')
    await description.fill("Alice's private note: I paid the pharmacy for my prescription")

    await page.evaluate(async (who) => {
      const w = window as unknown as { who: string; help: { identify(u: { id: string }): Promise<void> } }
      w.who = who
      await w.help.identify({ id: who })
    }, bob)

    // What Bob sees now, in the panel that stayed open.
    const values = await page.evaluate(() =>
      Array.from(
        document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('textarea, input'),
        (e) => (e as HTMLInputElement).value,
      ).join('\n'),
    )
    const text = await shadow(page, '[role=dialog]')
      .innerText()
      .catch(() => '')
    expect(values).not.toContain("Alice's private note")
    expect(text).not.toContain('Alice Pharmacy')

    // And if the form is still there, sending it does not file Alice's words as Bob's ticket.
    if ((await shadow(page, '[data-submit]').count()) > 0) {
      await shadow(page, '[data-submit]').click()
      await shadow(page, '[data-result]').first().waitFor({ timeout: 15_000 })
      for (const t of await ticketsOf(baseUrl, agentKey, bob)) {
        expect((await ticketDetail(baseUrl, agentKey, t.id)).description).not.toContain('Alice')
      }
    }
  })
})
