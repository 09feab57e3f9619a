import type { Route } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, agentsOnline, chatRows as rows, openChat } from '../break/agentChat.js'

// The reference server limits upload bytes per user per day and answers an upload past it with
// 429 upload_quota and a Retry-After of up to a day. An image sent then must not hold back the
// user's text messages in that conversation (they go in order after it) for a day: the image
// shows "not sent" (tap to try again later) and the texts reach the agent.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const agentMessages = agentInbox(baseUrl, agentKey)

describe('an image refused by the daily upload quota', () => {
  it('does not hold back the text messages after it', async () => {
    const s = await session.start()
    const user = `b18a-quota-${Date.now()}`
    await agentsOnline(s.page)
    let uploads = 0
    await s.page.route(`${baseUrl}/v1/attachments*`, (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue()
      uploads++
      return route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '86400' },
        body: JSON.stringify({
          code: 'upload_quota',
          message: 'uploads are limited to 52428800 bytes per day',
          retryAfterMs: 86_400_000,
        }),
      })
    })
    await openChat(s.page, baseUrl, user)
    const input = shadow(s.page, '.composer textarea')
    await input.fill('Hello, my top-up failed')
    await input.press('Enter')
    await expect
      .poll(() => rows(s.page), { timeout: 15_000 })
      .toContainEqual({
        text: 'Hello, my top-up failed',
        state: 'sent',
      })
    await shadow(s.page, '.composer input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await expect.poll(() => uploads, { timeout: 15_000 }).toBeGreaterThan(0)
    await input.fill('Here is the receipt')
    await input.press('Enter')

    await expect
      .poll(() => agentMessages(user), { timeout: 20_000 })
      .toEqual(['Hello, my top-up failed', 'Here is the receipt'])
    await expect
      .poll(() => rows(s.page), { timeout: 15_000 })
      .toContainEqual({
        text: 'Here is the receipt',
        state: 'sent',
      })
    // The image is there to try again (below the sent ones, as unsent items are), not lost and
    // not pretending to go.
    const states = (await rows(s.page)).map((r) => r.state)
    expect(states).toEqual(['sent', 'sent', 'failed'])
  })
})
