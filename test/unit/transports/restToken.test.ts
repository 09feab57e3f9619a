import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { UnauthorizedError } from '../../../src/errors/index.js'
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
