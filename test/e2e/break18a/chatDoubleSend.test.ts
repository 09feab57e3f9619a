import type { Route } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, agentsOnline, chatRows as rows, openChat } from '../break/agentChat.js'

// The first message of a chat waits for the conversation to start (a round trip on a slow
// network). A user who presses Enter again, or taps Send twice, while it waits must not send
// the same message twice: one row, one copy for the agent.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const agentMessages = agentInbox(baseUrl, agentKey)

describe('Send pressed again while the first message waits for the conversation', () => {
  for (const how of ['Enter', 'the Send button'] as const) {
    it(`${how} twice: one message`, async () => {
      const s = await session.start()
      const user = `b18a-double-${how === 'Enter' ? 'enter' : 'button'}-${Date.now()}`
      await agentsOnline(s.page)
      // The conversation's start is held until the second press has happened.
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let starts = 0
      let startSeen!: () => void
      const started = new Promise<void>((r) => (startSeen = r))
      await s.page.route(`${baseUrl}/v1/conversations`, async (route: Route) => {
        if (route.request().method() !== 'POST') return route.continue()
        starts++
        startSeen()
        await held
        return route.continue()
      })
      await openChat(s.page, baseUrl, user)
      const input = shadow(s.page, '.composer textarea')
      await input.fill('Where is my refund?')
      const press = () =>
        how === 'Enter' ? input.press('Enter') : shadow(s.page, '.composer button[type=submit]').click()
      await press()
      await started
      await press()
      release()
      await expect
        .poll(() => rows(s.page), { timeout: 15_000 })
        .toContainEqual({
          text: 'Where is my refund?',
          state: 'sent',
        })
      await expect
        .poll(() => rows(s.page), { timeout: 15_000 })
        .not.toContainEqual(expect.objectContaining({ state: 'sending' }))
      expect(await rows(s.page)).toEqual([{ text: 'Where is my refund?', state: 'sent' }])
      expect(await agentMessages(user)).toEqual(['Where is my refund?'])
      expect(starts).toBe(1)
      expect(await input.inputValue()).toBe('')
    })
  }
})
