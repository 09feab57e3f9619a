import { describe, expect, inject, it } from 'vitest'
import { openReport, panelText, restOptions, sessions, shadow } from '../break/host.js'

// README: "A report the user wrote is never lost: it is queued durably and retried with an
// idempotency key, so retries never create duplicates", and "Unknown outcomes are reconciled,
// never refused". Two ways a send goes wrong while the user is still on the page: the server
// answers 500 every time, or the server files the ticket and the connection is cut before the
// answer arrives (every attempt). The user reloads; once the API answers again there is exactly
// one ticket, and "My requests" shows it with the reference number the server gave it.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

type AgentTicket = { id: string; userId: string; reference: string }

for (const fault of ['500', 'cut after commit'] as const) {
  describe(`every send of a report fails (${fault}), then the user reloads`, () => {
    it('files exactly one ticket, shown under My requests with its reference', async () => {
      const s = await session.start()
      const user = `lost-${fault.replace(/ /g, '-')}-${Date.now()}`
      let healed = false
      let attempts = 0
      await s.browser.route(`${baseUrl}/v1/tickets`, async (route) => {
        if (healed || route.request().method() !== 'POST') return route.continue()
        attempts++
        if (fault === '500')
          return route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: '{"error":{"code":"internal","message":"boom"}}',
          })
        await route.fetch()
        return route.abort('connectionreset')
      })
      const page = await openReport(s, baseUrl, 'never-lost', restOptions('en'), user)
      await shadow(page, '[data-field=description] textarea').fill('The pharmacy never got the money I paid')
      await shadow(page, '[data-submit]').click()
      await shadow(page, '[data-result=queued]').waitFor({ timeout: 20_000 })
      expect(attempts).toBeGreaterThan(0)

      healed = true
      await page.reload()
      await page.waitForFunction(() => 'help' in window)
      await expect
        .poll(
          async () => {
            const res = await fetch(`${baseUrl}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
            return ((await res.json()) as AgentTicket[]).filter((t) => t.userId === user).length
          },
          { timeout: 30_000 },
        )
        .toBe(1)
      const res = await fetch(`${baseUrl}/v1/agent/tickets`, { headers: { 'X-Agent-Key': agentKey } })
      const tickets = ((await res.json()) as AgentTicket[]).filter((t) => t.userId === user)
      expect(tickets).toHaveLength(1)

      await page.evaluate(() =>
        (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('requests'),
      )
      await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain(tickets[0]!.reference)
    })
  })
}
