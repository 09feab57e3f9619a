import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, agentsOnline, openChat } from '../break/agentChat.js'

// A long chat message (a pasted statement, 6,000 characters; the reference server takes 5,000
// per message). It must reach the agent, in order, and nothing the user wrote may be left
// refused in a "not sent" row that tapping can never deliver.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const rows = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-row]:not([data-event])'),
    ].map((r) => r.getAttribute('data-state')),
  )

const agentMessages = agentInbox(baseUrl, agentKey)

describe('a chat message longer than the backend takes in one message', () => {
  it('reaches the agent whole (in parts, in order) and no row stays "not sent"', async () => {
    const s = await session.start()
    const user = `b18a-long-${Date.now()}`
    await agentsOnline(s.page)
    await openChat(s.page, baseUrl, user)
    // Words, emoji (two UTF-16 units each) and Arabic, 6,000+ units with no digits to mask.
    const words = ['refund', 'pending', '😀', 'مرحبا', 'since', 'Tuesday', '🇨🇳', 'please']
    let text = ''
    for (let i = 0; text.length < 6000; i++) text += (i ? ' ' : '') + words[i % words.length]
    const input = shadow(s.page, '.composer textarea')
    await input.fill(text)
    await input.press('Enter')
    // Settled: nothing sending or waiting (a refused message shows 'failed').
    await expect
      .poll(async () => (await rows(s.page)).filter((r) => r !== 'sending' && r !== 'queued'), { timeout: 30_000 })
      .not.toEqual([])
    await expect.poll(() => rows(s.page), { timeout: 30_000 }).not.toContain('sending')
    expect(await rows(s.page)).not.toContain('failed')
    const got = await agentMessages(user)
    expect(got.every((m) => m.length <= 5000)).toBe(true)
    // Split at spaces: joined with one space, the parts are the message.
    expect(got.join(' ')).toBe(text)
    expect(await input.inputValue()).toBe('')
  })

  it('refuses a paste longer than four parts (20,000 characters): says so, keeps the text, sends nothing', async () => {
    const s = await session.start()
    const user = `b18a-huge-${Date.now()}`
    await agentsOnline(s.page)
    await openChat(s.page, baseUrl, user)
    const text = 'statement line pending refund '.repeat(700).trim()
    expect(text.length).toBeGreaterThan(20_000)
    const input = shadow(s.page, '.composer textarea')
    await input.fill(text)
    await input.press('Enter')
    await shadow(s.page, '.composer [role=alert]:has-text("too long")').waitFor({ timeout: 10_000 })
    expect(await input.inputValue()).toBe(text)
    expect(await rows(s.page)).toEqual([])
    expect(await agentMessages(user)).toEqual([])
    // Shortened to fit, it goes.
    await input.fill(text.slice(0, 12_000))
    await input.press('Enter')
    await expect.poll(() => agentMessages(user), { timeout: 30_000 }).toHaveLength(3)
    expect(await input.inputValue()).toBe('')
  })
})
