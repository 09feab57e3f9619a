import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launch, type Page, type Session } from '../browser.js'
import { agentInbox } from '../break/agentChat.js'

/*
 * The page's event stream sends live events only once the server has it (a first connection has
 * no Last-Event-ID to replay from). The chat reads the transcript when it opens, and the stream
 * opens beside it: an agent reply committed after that read and before the stream was up reached
 * neither, and an active chat does not poll, so the user never saw it until something else made
 * the chat read again. Here the stream is held back while the agent replies.
 */

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const inbox = agentInbox(baseUrl, agentKey)
let user: Session

beforeAll(async () => {
  user = await launch()
})
afterAll(async () => {
  await user?.close()
})

async function agent<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/v1/agent${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  expect(res.ok).toBe(true)
  return (await res.json()) as T
}

const texts = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-row]:not([data-event])'),
    ].map((r) => r.querySelector('.text')?.textContent ?? ''),
  )

async function openChat(page: Page) {
  await page.getByTestId('help-entry').click()
  await page.locator('[data-help-feedback] >> [data-entry=chat]').click()
  await page.locator('[data-help-feedback] >> .chat[data-ready]').waitFor()
}

it('shows an agent reply committed while the event stream was still opening', async () => {
  const { page } = user
  const userId = `e2e-gap-${Date.now()}`
  // The server's default hours may be closed at test time; it never refuses a conversation.
  await page.route('**/v1/availability', (r) =>
    r.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
    }),
  )
  await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
  await openChat(page)
  const input = page.locator('[data-help-feedback] >> .composer textarea')
  await input.fill('My top-up has not arrived')
  await input.press('Enter')
  await expect.poll(() => texts(page), { timeout: 15_000 }).toEqual(['My top-up has not arrived'])
  // The chat starts the conversation, then sends the message: the agent replies once it has the
  // message (replying as soon as the conversation exists put the reply first on a slow machine).
  await expect.poll(() => inbox(userId), { timeout: 15_000 }).toEqual(['My top-up has not arrived'])
  const id = (await agent<Array<{ id: string; userId: string }>>('/conversations')).find((c) => c.userId === userId)!.id
  await agent(`/conversations/${id}/messages`, { text: 'Checking it now', agentName: 'Lin' })
  await expect.poll(() => texts(page), { timeout: 15_000 }).toContain('Checking it now')
  // The send acknowledged before the reload: a send still unanswered comes back from the outbox as
  // pending, after the agent's reply, until it is sent again (a slow machine did that here).
  await expect
    .poll(() =>
      page.evaluate(() =>
        [...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-state]')].map((r) =>
          r.getAttribute('data-state'),
        ),
      ),
    )
    .toEqual(['sent', 'sent'])

  // A cold load: the stream starts without a Last-Event-ID, and is held until the reply is in.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/v1/events**', async (route) => {
    await held
    await route.continue()
  })
  try {
    const streamAsked = page.waitForRequest('**/v1/events**')
    await page.goto(`${baseUrl}/?locale=en&user=${userId}`)
    await openChat(page)
    await streamAsked
    await expect.poll(() => texts(page)).toEqual(['My top-up has not arrived', 'Checking it now'])
    await agent(`/conversations/${id}/messages`, { text: 'Found it, refund started', agentName: 'Lin' })
    release()
    await expect
      .poll(() => texts(page), { timeout: 15_000 })
      .toEqual(['My top-up has not arrived', 'Checking it now', 'Found it, refund started'])
  } finally {
    release()
    await page.unrouteAll({ behavior: 'ignoreErrors' })
  }
})
