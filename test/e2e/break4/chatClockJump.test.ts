import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, chatRows as rows } from '../break/agentChat.js'

// A chat message waits for the network while the phone's clock jumps (days forward, or back
// before the conversation began). Once the network returns it goes out exactly once, stays
// after the message typed before it, and the agent reads it once.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const agentMessages = agentInbox(baseUrl, agentKey)

async function send(page: Page, text: string) {
  const input = shadow(page, '.composer textarea')
  await input.fill(text)
  await input.press('Enter')
}

const DAY = 86_400_000

describe('a queued chat message while the clock jumps', () => {
  for (const jump of ['forward three days', 'back two days'] as const) {
    it(`clock ${jump}: sent once, in order, after the network returns`, async () => {
      const s = await session.start()
      const user = `b4-clock-${jump.split(' ')[0]}-${Date.now()}`
      await s.page.clock.install()
      await s.page.route('**/v1/availability', (r) =>
        r.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
        }),
      )
      await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
      await s.page.getByTestId('help-entry').click()
      await shadow(s.page, '[data-entry=chat]').click()
      await shadow(s.page, '.chat[data-ready]').waitFor()
      await send(s.page, 'Before the jump')
      await expect.poll(() => rows(s.page), { timeout: 20_000 }).toEqual([{ text: 'Before the jump', state: 'sent' }])

      await s.browser.setOffline(true)
      await s.browser.route(`${baseUrl}/v1/**`, (r) => r.abort('internetdisconnected'))
      await send(s.page, 'Typed offline, then the clock jumped')
      await expect.poll(async () => (await rows(s.page)).length).toBe(2)
      expect((await rows(s.page))[1]!.state).not.toBe('sent')

      const now = await s.page.evaluate(() => Date.now())
      if (jump === 'forward three days') await s.page.clock.fastForward(3 * DAY)
      else await s.page.clock.setSystemTime(now - 2 * DAY)

      await s.browser.unroute(`${baseUrl}/v1/**`)
      await s.browser.setOffline(false)
      const expected = ['Before the jump', 'Typed offline, then the clock jumped']
      await expect
        .poll(() => rows(s.page), { timeout: 45_000 })
        .toEqual(expected.map((text) => ({ text, state: 'sent' })))
      await expect.poll(() => agentMessages(user), { timeout: 15_000 }).toEqual(expected)
    })
  }
})
