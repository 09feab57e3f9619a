import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { restOptions, serve, sessions, shadow, snippetPage } from './host.js'

// README, Live chat: "optimistic messages through the outbox, deduplicated by id and echo, gaps
// filled after a reconnect"; Durability: the outbox sends "one tab at a time"; docs/protocol.md
// §10: "a message sent from another tab arrives as an event; clients dedupe messages by id /
// clientId". Two tabs of one user chat, also while offline: each message reaches the server
// once, both tabs show all of them once, in order, and so does the transcript after a reload.
// Then the panel is closed and the agent answers: the host hears `unread:change` (the count the
// bridge forwards to a native badge, docs/bridge.md).
const baseUrl = inject('baseUrl')
const agentKey = inject('agentKey')
const session = sessions()

type Item = { author: string; text: string; state?: string }
type Client = {
  chat: { send(t: string): Promise<{ status: string }>; store: { getState(): { items: Item[]; unread: number } } }
}
type Win = { help: { open(v: string): Promise<void>; close(): void; client(): Promise<Client> }; hfEvents: unknown[] }
const items = (p: Page) =>
  p.evaluate(async () =>
    (await (window as unknown as Win).help.client()).chat.store
      .getState()
      .items.filter((i) => i.author === 'user')
      .map((i) => `${i.text}:${i.state}`),
  )
const send = (p: Page, t: string) =>
  p.evaluate(async (t) => (await (await (window as unknown as Win).help.client()).chat.send(t)).status, t)
const openChat = async (p: Page) => {
  await p.evaluate(() => (window as unknown as Win).help.open('chat'))
  await shadow(p, '[role=dialog]').waitFor()
}
const agentGet = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${baseUrl}${path}`, { headers: { 'X-Agent-Key': agentKey } })).json()) as T

describe('live chat in two tabs of one user', () => {
  it('sends every message once and shows each once in both tabs, offline too; an agent reply while closed is unread', async () => {
    const s = await session.start()
    const user = `tabs-${Date.now()}`
    const url = await serve(
      s.browser,
      baseUrl,
      'tabs',
      snippetPage(restOptions('en', 'onEvent: (e) => hfEvents.push(e),')),
    )
    const a = s.page
    await a.goto(`${url}?u=${user}`)
    await openChat(a)
    expect(await send(a, 'first from A')).toBe('sent')
    await expect.poll(() => items(a), { timeout: 15_000 }).toEqual(['first from A:sent'])
    const b = await s.browser.newPage()
    await b.goto(`${url}?u=${user}`)
    await openChat(b)
    await expect.poll(() => items(b), { timeout: 15_000 }).toEqual(['first from A:sent'])
    await send(b, 'second from B')
    await send(a, 'third from A')
    await s.browser.setOffline(true)
    await send(b, 'offline from B')
    await send(a, 'offline from A')
    await s.browser.setOffline(false)

    // The two tabs' offline messages may reach the server in either order; every view agrees with it.
    const all = ['first from A', 'second from B', 'third from A', 'offline from B', 'offline from A']
    const convs = async () =>
      (await agentGet<{ id: string; userId: string }[]>('/v1/agent/conversations')).filter((c) => c.userId === user)
    const userTexts = async (id: string) =>
      (await agentGet<{ messages: Item[] }>(`/v1/agent/conversations/${id}`)).messages
        .filter((m) => m.author === 'user')
        .map((m) => m.text)
    expect(await convs()).toHaveLength(1)
    const id = (await convs())[0]?.id as string
    await expect.poll(async () => (await userTexts(id)).length, { timeout: 30_000 }).toBe(all.length)
    const order = await userTexts(id)
    expect([...order].sort()).toEqual([...all].sort())
    const shown = order.map((t) => `${t}:sent`)
    await expect.poll(() => items(a), { timeout: 30_000 }).toEqual(shown)
    await expect.poll(() => items(b), { timeout: 30_000 }).toEqual(shown)
    await a.waitForTimeout(1000)
    expect(await userTexts(id)).toEqual(order)

    await b.close()
    await a.evaluate(() => (window as unknown as Win).help.close())
    const reply = await fetch(`${baseUrl}/v1/agent/conversations/${id}/messages`, {
      method: 'POST',
      headers: { 'X-Agent-Key': agentKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Hi, I am Lee. Let me check.', agentName: 'Lee' }),
    })
    expect(reply.status).toBe(201)
    await expect
      .poll(() => a.evaluate(() => (window as unknown as Win).hfEvents), { timeout: 15_000 })
      .toContainEqual({ type: 'unread:change', count: 1 })

    await a.reload()
    await openChat(a)
    await expect.poll(() => items(a), { timeout: 15_000 }).toEqual(shown)
  })
})
