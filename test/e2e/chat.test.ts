import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axe, launch, openConsole, type Page, type Session } from './browser.js'

const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
let user: Session
let agent: Session

beforeAll(async () => {
  ;[user, agent] = await Promise.all([launch(), launch()])
})
afterAll(async () => {
  await Promise.all([user?.close(), agent?.close()])
})

/**
 * Lets the test cut the event stream from the page's side, as a dropped mobile connection
 * would: `setOffline` alone keeps an already open stream alive in Chromium.
 */
const CUTTABLE_STREAMS = `(() => {
  const open = new Set()
  const fetch0 = window.fetch.bind(window)
  window.fetch = (input, init = {}) => {
    const url = typeof input === 'string' ? input : input.url
    if (!url.includes('/v1/events')) return fetch0(input, init)
    const cut = new AbortController()
    open.add(cut)
    const signal = init.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal
    return fetch0(input, { ...init, signal })
  }
  window.__cutStreams = () => { for (const c of open) c.abort(new Error('cut by test')); open.clear() }
})()`

const rows = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.querySelector('[data-help-feedback]')!.shadowRoot!.querySelectorAll('[data-row]:not([data-event])'),
    ].map((r) => ({
      text: r.querySelector('.text')?.textContent ?? '',
      state: r.getAttribute('data-state'),
    })),
  )
const texts = async (page: Page) => (await rows(page)).map((r) => r.text)

async function agentApi<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}/v1/agent${path}`, { headers: { 'X-Agent-Key': agentKey } })
  return (await res.json()) as T
}

async function reply(id: string, text: string) {
  const { page } = agent
  await page.locator(`[data-testid=conversation-item][data-id="${id}"] button`).click()
  await page.getByTestId('conversation-detail').waitFor()
  await page.getByTestId('reply-input').fill(text)
  await page.getByTestId('reply-send').click()
  await page.locator('[data-testid=message-list] [data-testid=message]', { hasText: text }).waitFor()
}

async function openChat(page: Page) {
  await page.getByTestId('help-entry').click()
  await page.locator('[data-help-feedback] >> [data-entry=chat]').click()
  await page.locator('[data-help-feedback] >> .chat[data-ready]').waitFor()
}

async function send(page: Page, text: string) {
  const input = page.locator('[data-help-feedback] >> .composer textarea')
  await input.fill(text)
  await input.press('Enter')
}

describe('live chat in Chromium against the reference server (REST + SSE)', () => {
  it('user and agent talk; a dropped connection loses nothing and shows nothing twice', async () => {
    const { page } = user
    const userId = `e2e-chat-${Date.now()}`
    await page.addInitScript(CUTTABLE_STREAMS)
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
    await send(page, 'Hello, my transfer is pending')
    await expect.poll(() => rows(page)).toEqual([{ text: 'Hello, my transfer is pending', state: 'sent' }])
    expect(
      await page.evaluate(() => document.querySelector('[data-help-feedback]')!.shadowRoot!.activeElement?.tagName),
    ).toBe('TEXTAREA')

    const mine = (await agentApi<Array<{ id: string; userId: string }>>('/conversations')).find(
      (c) => c.userId === userId,
    )!
    await openConsole(agent.page, baseUrl, agentKey)
    await reply(mine.id, 'Hi, I am checking it')
    await expect.poll(() => texts(page)).toEqual(['Hello, my transfer is pending', 'Hi, I am checking it'])
    await expect
      .poll(() => page.locator('[data-help-feedback] >> [role=status][data-status]').textContent())
      .toMatch(/is helping you/)
    expect(await axe(page)).toEqual([])

    // The connection drops: the stream is cut and cannot reconnect, the device is offline.
    await page.route('**/v1/events**', (r) => r.abort('internetdisconnected'))
    await page.evaluate(() => (window as unknown as { __cutStreams(): void }).__cutStreams())
    await user.browser.setOffline(true)
    await reply(mine.id, 'Missed while offline 1')
    await reply(mine.id, 'Missed while offline 2')
    await send(page, 'Typed while offline')
    // Nothing can arrive while the stream is cut and the device offline: the agent's replies wait.
    await expect
      .poll(() => texts(page))
      .toEqual(['Hello, my transfer is pending', 'Hi, I am checking it', 'Typed while offline'])
    expect((await rows(page)).at(-1)!.state).not.toBe('sent')

    await page.unroute('**/v1/events**')
    await user.browser.setOffline(false)
    const expected = [
      'Hello, my transfer is pending',
      'Hi, I am checking it',
      'Missed while offline 1',
      'Missed while offline 2',
      'Typed while offline',
    ]
    await expect.poll(() => rows(page), { timeout: 20_000 }).toEqual(expected.map((text) => ({ text, state: 'sent' })))
    // The server has every message once, in the order the user sees them.
    const { messages } = await agentApi<{ messages: Array<{ seq: number; text: string; kind: string }> }>(
      `/conversations/${mine.id}`,
    )
    // Besides the system line of the agent joining.
    expect(messages.filter((m) => m.kind !== 'event').map((m) => m.text)).toEqual(expected)

    // After the stream is back, live messages flow again without duplicates.
    await reply(mine.id, 'Back online')
    await expect.poll(() => texts(page)).toEqual([...expected, 'Back online'])
    // A duplicate of it would come over the same ordered stream before the next message: once
    // that one is shown, the list is final up to it (no sleep that guesses how long to wait).
    await reply(mine.id, 'And one more')
    await expect.poll(() => texts(page)).toEqual([...expected, 'Back online', 'And one more'])

    // The transcript is kept on the device: a reload shows it at once, then resyncs.
    await page.reload()
    await openChat(page)
    await expect.poll(() => texts(page)).toEqual([...expected, 'Back online', 'And one more'])
  })
})
