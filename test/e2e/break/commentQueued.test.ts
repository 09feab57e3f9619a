import { describe, expect, inject, it } from 'vitest'
import { openReport, restOptions, sessions, shadow, ticketsOf } from './host.js'

// README, What the panel does → My requests: "comments with screenshots"; Durability: writes go
// through the outbox, "sent with an idempotency key that never changes across retries or
// reloads"; "A report the user wrote is never lost". A comment on a request while the support API
// refuses connections is shown as sending, the panel says it is saved and will be sent, and after
// a reload with the API back it reaches the agent exactly once.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

describe('a request comment while the support API is not answering', () => {
  it('says it is saved, not sent, and arrives once after a reload', async () => {
    const s = await session.start()
    const user = `comment-${Date.now()}`
    const page = await openReport(s, baseUrl, 'comment', restOptions('en'), user)
    await shadow(page, '[data-field=description] textarea').fill('The pharmacy never got the money I paid')
    await shadow(page, '[data-submit]').click()
    await shadow(page, '[data-result]').first().waitFor({ timeout: 20_000 })
    const [ticket] = await ticketsOf(baseUrl, agentKey, user)
    const id = ticket?.id as string
    await page.evaluate(
      (id) =>
        (window as unknown as { help: { open(v: string, p: unknown): Promise<void> } }).help.open('request', { id }),
      id,
    )
    const send = page.locator('[data-help-feedback] >> button', { hasText: 'Send comment' })
    await send.waitFor({ timeout: 15_000 })
    await s.browser.route(`${baseUrl}/v1/**`, (r) => r.abort('connectionrefused'))
    const words = 'Any news? The shop says nothing arrived.'
    await shadow(page, 'textarea').first().fill(words)
    await send.click()
    const panel = () =>
      page.evaluate(() => document.querySelector('[data-help-feedback]')?.shadowRoot?.textContent ?? '')
    await expect.poll(panel, { timeout: 15_000 }).toContain('Your comment is saved and will be sent.')
    expect(await panel()).toContain(words)

    await s.browser.unroute(`${baseUrl}/v1/**`)
    await page.reload()
    const comments = async () =>
      (
        (await (await fetch(`${baseUrl}/v1/agent/tickets/${id}`, { headers: { 'X-Agent-Key': agentKey } })).json()) as {
          comments: { body: string }[]
        }
      ).comments.map((c) => c.body)
    await expect.poll(comments, { timeout: 30_000 }).toEqual([words])
    await page.waitForTimeout(1000)
    expect(await comments()).toEqual([words])
  })
})
