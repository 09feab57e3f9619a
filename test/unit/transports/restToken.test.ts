import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { TimeoutError, UnauthorizedError } from '../../../src/errors/index.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { restTransport } from '../../../src/transports/rest.js'

const session = () =>
  new Response(JSON.stringify({ userId: 'u1', token: 'bearer-1' }), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
  })

describe('getUserToken without a token', () => {
  it.each([undefined, '', null])('%j: a typed unauthorized error, and nothing is sent', async (value) => {
    const fetch = vi.fn(async () => session())
    const t = restTransport({
      baseUrl: 'https://api.test',
      getUserToken: async () => value as unknown as string,
      fetch,
      retries: 0,
    })
    await expect(t.identify({ id: 'u1' })).rejects.toBeInstanceOf(UnauthorizedError)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('a token sent, or one given with the user, identifies as before', async () => {
    const tokens: unknown[] = []
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = input instanceof Request ? await input.text() : String(init?.body)
      tokens.push((JSON.parse(body) as { token?: string }).token)
      return session()
    }
    const t = restTransport({ baseUrl: 'https://api.test', getUserToken: async () => 'jwt-1', fetch, retries: 0 })
    await t.identify({ id: 'u1' })
    await t.identify({ id: 'u1', token: 'jwt-2' })
    expect(tokens).toEqual(['jwt-1', 'jwt-2'])
  })

  it('the host hears a localized unauthorized error event', async () => {
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      transport: () => restTransport({ baseUrl: 'https://api.test', getUserToken: async () => undefined as never }),
      locale: 'zh-CN',
      onEvent: (e) => events.push(e),
    })
    await client.ready()
    await expect(client.identify({ id: 'u1' })).rejects.toBeInstanceOf(UnauthorizedError)
    expect(events).toContainEqual({ type: 'error', code: 'unauthorized', message: '登录已过期，请重新登录。' })
    expect(client.store.getState().session).toMatchObject({ status: 'error', errorCode: 'unauthorized' })
    client.destroy()
  })
})

describe('getUserToken that never answers', () => {
  // A host's sign-in that broke: its token callback never settles. Requests must still settle
  // (the chat's "Checking…", a report's send), and the next one asks the host again.
  it('a request times out like an unanswered one, and the next asks for the token again', async () => {
    let calls = 0
    const fetch = vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('/v1/identify')
        ? session()
        : new Response(JSON.stringify({ open: true, agentsOnline: 1, queueLength: 0 }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
    )
    const t = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 50,
      retries: 0,
      fetch,
      getUserToken: () => (calls++ == 0 ? new Promise<string>(() => {}) : Promise.resolve('jwt-2')),
    })
    await expect(t.identify({ id: 'u1' })).rejects.toBeInstanceOf(TimeoutError)
    expect(fetch).not.toHaveBeenCalled()
    await expect(t.availability!()).resolves.toMatchObject({ open: true })
    expect(calls).toBe(2)
  })

  it('a request waiting on an identify whose token never comes times out too', async () => {
    const fetch = vi.fn(async () => session())
    const t = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 50,
      retries: 0,
      fetch,
      getUserToken: () => new Promise<string>(() => {}),
      user: { id: 'u1' },
    })
    await expect(t.availability!()).rejects.toBeInstanceOf(TimeoutError)
    expect(fetch).not.toHaveBeenCalled()
  })
})
