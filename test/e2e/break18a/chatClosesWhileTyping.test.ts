import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { panelText, sessions, shadow, ticketDetail, ticketsOf } from '../break/host.js'
import { openChat } from '../break/agentChat.js'

// README: live chat has "leave a message" when nobody is online. The chat opens at 20:59 (open),
// the user writes for two minutes and sends at 21:01, when support has closed (or the last
// agent went away). The message must not start a conversation nobody answers until morning:
// the chat offers "leave a message" with what the user wrote, and that becomes a request.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

async function conversationsOf(userId: string): Promise<unknown[]> {
  const res = await fetch(`${baseUrl}/v1/agent/conversations`, { headers: { 'X-Agent-Key': agentKey } })
  return ((await res.json()) as Array<{ userId: string }>).filter((c) => c.userId === userId)
}

const leaveBox = (page: Page) => shadow(page, '.leave textarea')

describe('the chat closes while the user writes the first message', () => {
  it('Send offers "leave a message" with the text instead of starting a chat nobody answers', async () => {
    const s = await session.start()
    const user = `b18a-closes-${Date.now()}`
    let open = true
    await s.page.route('**/v1/availability', (r) =>
      r.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(
          open
            ? { agentsOnline: 1, queueLength: 0, open: true }
            : { agentsOnline: 0, queueLength: 0, open: false, nextOpenAt: '2030-01-01T01:00:00Z' },
        ),
      }),
    )
    await openChat(s.page, baseUrl, user)
    const text = 'My transfer to Bob has not arrived since Monday 🙁 مرحبا'
    await shadow(s.page, '.composer textarea').fill(text)
    open = false
    await shadow(s.page, '.composer textarea').press('Enter')

    await leaveBox(s.page).waitFor()
    await expect.poll(() => leaveBox(s.page).inputValue(), { timeout: 10_000 }).toBe(text)
    expect(await conversationsOf(user)).toEqual([])

    await shadow(s.page, '.leave button[type=submit]').click()
    await expect.poll(() => panelText(s.page), { timeout: 15_000 }).toContain('We received your message')
    const tickets = await ticketsOf(baseUrl, agentKey, user)
    expect(tickets).toHaveLength(1)
    expect((await ticketDetail(baseUrl, agentKey, tickets[0]!.id)).description).toBe(text)

    // Sent once: a reload shows neither the text in the form again nor a chat.
    await s.page.reload()
    await s.page.getByTestId('help-entry').click()
    await shadow(s.page, '[data-entry=chat]').click()
    await leaveBox(s.page).waitFor()
    expect(await leaveBox(s.page).inputValue()).toBe('')
    expect(await conversationsOf(user)).toEqual([])
  })
})
