import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../examples/server/server.js'
import { restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, Durability: "Drafts (report form, chat composer, leave-a-message, request reply) are
// written after a typing pause and on `pagehide` / hidden". A leave-a-message text typed outside
// business hours comes back after a reload, both after a pause and when the page is left at once.
const root = fileURLToPath(new URL('../../..', import.meta.url))
const AGENT = 'closed-hours-agent-key'
const session = sessions()
let closed: RunningServer
beforeAll(async () => {
  // Business hours every day 09:00–21:00 Shanghai, with yesterday, today and tomorrow as holidays:
  // closed now, whatever the time.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  closed = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: 'closed-hours-secret-0123456789abcdef',
    agentKey: AGENT,
    demoTokens: true,
    staticRoot: root,
    log: false,
    hours: {
      timeZone: 'Asia/Shanghai',
      weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ day: d, open: '09:00', close: '21:00' })),
      holidays: [day(-1), day(0), day(1)],
    },
  })
})
afterAll(() => closed.close())

const tickets = async (): Promise<unknown[]> =>
  (await (await fetch(`${closed.url}/v1/agent/tickets`, { headers: { 'X-Agent-Key': AGENT } })).json()) as unknown[]
const panelText = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.querySelector('[data-help-feedback]')?.shadowRoot?.textContent ?? '')

describe('leave-a-message draft', () => {
  for (const pause of [true, false]) {
    it(`comes back after a reload (${pause ? 'after a typing pause' : 'reloaded at once'})`, async () => {
      const s = await session.start()
      const user = `leave-draft-${pause}-${Date.now()}`
      const url = await serve(s.browser, closed.url, 'leave-draft', snippetPage(restOptions('en')))
      const page = s.page
      const open = async () => {
        await page.evaluate(() => (window as unknown as { help: { open(v: string): Promise<void> } }).help.open('chat'))
        await expect.poll(() => panelText(page), { timeout: 15_000 }).toContain('Leave a message')
      }
      await page.goto(`${url}?u=${user}`)
      await open()
      const words = 'My refund from Alice Pharmacy never arrived'
      await shadow(page, 'textarea').first().fill(words)
      if (pause) await page.waitForTimeout(2000)
      await page.reload()
      await open()
      await expect.poll(() => shadow(page, 'textarea').first().inputValue(), { timeout: 10_000 }).toBe(words)
      expect(await tickets()).toEqual([])
    })
  }
})
