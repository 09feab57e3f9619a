import type { Route } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentsOnline, openChat } from '../break/agentChat.js'

// The first message waits for the conversation to start (not yet in the outbox) and the user
// reloads, or the app is closed, at once. What they wrote must still be there after the reload.
const baseUrl = inject('baseUrl')
const session = sessions()

describe('reload while the first message waits for the conversation to start', () => {
  it('the text is in the composer after the reload', async () => {
    const s = await session.start()
    const user = `b18a-reload-${Date.now()}`
    await agentsOnline(s.page)
    let startSeen!: () => void
    const started = new Promise<void>((r) => (startSeen = r))
    let hold = true
    await s.browser.route(`${baseUrl}/v1/conversations`, async (route: Route) => {
      if (route.request().method() !== 'POST' || !hold) return route.continue()
      startSeen()
      // Never answered: the page goes first.
      return new Promise<void>(() => {})
    })
    await openChat(s.page, baseUrl, user)
    const text = 'Refund for order 20261123 missing'
    await shadow(s.page, '.composer textarea').fill(text)
    await shadow(s.page, '.composer textarea').press('Enter')
    await started
    hold = false
    await s.page.reload()
    await s.page.getByTestId('help-entry').click()
    await shadow(s.page, '[data-entry=chat]').click()
    await shadow(s.page, '.chat[data-ready]').waitFor()
    await expect.poll(() => shadow(s.page, '.composer textarea').inputValue(), { timeout: 10_000 }).toBe(text)
  })
})
