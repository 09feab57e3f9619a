import type { Page, Route } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sessions, shadow } from '../break/host.js'
import { agentInbox, chatRows as rows } from '../break/agentChat.js'

// A chat message the server stored, whose answer never reached the phone (the connection drops
// after the commit). The panel retries with the same idempotency key: the agent gets exactly one
// copy, and the user sees exactly one, sent — right away and after a reload. The first message
// (which starts the conversation) and a later one are both cut this way.
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

const agentMessages = agentInbox(baseUrl, agentKey)

async function openChat(page: Page) {
  await page.getByTestId('help-entry').click()
  await shadow(page, '[data-entry=chat]').click()
  await shadow(page, '.chat[data-ready]').waitFor()
}

async function send(page: Page, text: string) {
  const input = shadow(page, '.composer textarea')
  await input.fill(text)
  await input.press('Enter')
}

/** Lets the first POST matching `match` reach the server, then drops its answer. */
function cutFirst(match: (url: string) => boolean) {
  let cut = 0
  return {
    get cut() {
      return cut
    },
    handler: async (route: Route) => {
      const req = route.request()
      if (req.method() !== 'POST' || !match(req.url()) || cut > 0) return route.continue()
      cut++
      await route.fetch()
      return route.abort('connectionreset')
    },
  }
}

const isStart = (u: string) => new URL(u).pathname === '/v1/conversations'
const isMessage = (u: string) => /\/v1\/conversations\/[^/]+\/messages$/.test(new URL(u).pathname)

describe('a chat message committed on the server whose answer is lost', () => {
  for (const [which, match] of [
    ['the first message (starts the conversation)', isStart],
    ['a later message', isMessage],
  ] as const) {
    it(`${which}: one copy on the server, one row for the user, before and after a reload`, async () => {
      const s = await session.start()
      const user = `b4-chatcut-${match === isStart ? 'start' : 'msg'}-${Date.now()}`
      await s.page.route('**/v1/availability', (r) =>
        r.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ agentsOnline: 1, queueLength: 0, open: true }),
        }),
      )
      const fault = cutFirst(match)
      await s.browser.route(`${baseUrl}/v1/conversations**`, fault.handler)
      await s.page.goto(`${baseUrl}/?locale=en&user=${user}`)
      await openChat(s.page)
      const texts = match === isStart ? ['My top-up vanished'] : ['First, all fine', 'Second, answer lost']
      for (const t of texts) {
        await send(s.page, t)
        await expect.poll(() => rows(s.page), { timeout: 30_000 }).toContainEqual({ text: t, state: 'sent' })
      }
      expect(fault.cut).toBe(1)
      expect(await rows(s.page)).toEqual(texts.map((text) => ({ text, state: 'sent' })))
      await expect.poll(() => agentMessages(user), { timeout: 15_000 }).toEqual(texts)

      await s.page.reload()
      await openChat(s.page)
      await expect.poll(() => rows(s.page), { timeout: 15_000 }).toEqual(texts.map((text) => ({ text, state: 'sent' })))
      expect(await agentMessages(user)).toEqual(texts)
    })
  }
})
