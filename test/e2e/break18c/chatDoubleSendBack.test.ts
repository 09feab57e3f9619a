import type { Route } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, agentsOnline, chatRows as rows, openChat } from '../break/agentChat.js'

// The first message of a chat waits for the conversation to start (a round trip on a slow
// network). A user who leaves the chat meanwhile (Back to Home) and comes back finds the text
// still in the composer; pressing Enter there must not send it a second time.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const agentMessages = agentInbox(baseUrl, agentKey)

describe('Send pressed again after leaving and reopening the chat while the first message waits', () => {
  it('one message', async () => {
    const s = await session.start()
    const user = `b18c-double-back-${Date.now()}`
    await agentsOnline(s.page)
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
    await shadow(s.page, '.composer textarea').fill('Where is my refund?')
    await shadow(s.page, '.composer textarea').press('Enter')
    await started
    // Back to Home and into the chat again: a new composer, the text still there.
    await shadow(s.page, 'button[aria-label="Back"]').click()
    await shadow(s.page, '[data-entry=chat]').click()
    await shadow(s.page, '.chat[data-ready]').waitFor()
    const input = shadow(s.page, '.composer textarea')
    await expect.poll(() => input.inputValue()).toBe('Where is my refund?')
    await input.press('Enter')
    release()
    await expect
      .poll(() => rows(s.page), { timeout: 15_000 })
      .toContainEqual({ text: 'Where is my refund?', state: 'sent' })
    await expect
      .poll(() => rows(s.page), { timeout: 15_000 })
      .not.toContainEqual(expect.objectContaining({ state: 'sending' }))
    expect(await rows(s.page)).toEqual([{ text: 'Where is my refund?', state: 'sent' }])
    expect(await agentMessages(user)).toEqual(['Where is my refund?'])
    expect(starts).toBe(1)
    await expect.poll(() => input.inputValue()).toBe('')
  })
})
