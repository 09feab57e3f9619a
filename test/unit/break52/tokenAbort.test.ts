import { describe, expect, it } from 'vitest'
import { createHttp } from '../../../src/transports/http.js'
import { restTransport } from '../../../src/transports/rest.js'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

/** What `p` settles with within `ms`, or 'pending'. */
const settledWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([
    p.then(
      () => 'resolved',
      (e: unknown) => e,
    ),
    new Promise((resolve) => setTimeout(() => resolve('pending'), ms)),
  ])

/**
 * A request aborted while it waits for the host's token or a refresh after a 401 (a sign-out or a
 * user switch aborts the outbox's job in flight) settles at once with the abort, not when the
 * token times out: the next user's jobs wait behind it.
 */
describe('a request aborted while its token is pending', () => {
  it('REST: settles with the abort at once, nothing sent', async () => {
    const sent: string[] = []
    const t = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 10_000,
      retries: 0,
      fetch: async (input) => {
        sent.push(String(input))
        return json({ userId: 'u1', token: 'bearer-1' })
      },
      user: { id: 'u1' },
      getUserToken: () => new Promise<string>(() => {}),
    })
    const controller = new AbortController()
    const asked = t.listTickets!(controller.signal)
    await new Promise((r) => setTimeout(r, 20))
    const reason = new DOMException('signed out', 'AbortError')
    controller.abort(reason)
    expect(await settledWithin(asked, 500)).toBe(reason)
    expect(sent).toEqual([])
  })

  it('createHttp: a host token callback that has not answered yet', async () => {
    const sent: string[] = []
    const http = createHttp({
      baseUrl: 'https://api.test',
      timeoutMs: 10_000,
      fetch: async (input) => {
        sent.push(String(input))
        return json({})
      },
      getToken: () => new Promise<string>(() => {}),
    })
    const controller = new AbortController()
    const asked = http.request('/v1/x', { signal: controller.signal })
    await new Promise((r) => setTimeout(r, 20))
    controller.abort(new DOMException('gone', 'AbortError'))
    expect(await settledWithin(asked, 500)).toMatchObject({ name: 'AbortError', message: 'gone' })
    expect(sent).toEqual([])
  })

  it('createHttp: a refresh after a 401 that has not answered yet', async () => {
    const http = createHttp({
      baseUrl: 'https://api.test',
      timeoutMs: 10_000,
      fetch: async () => json({ error: { code: 'unauthorized' } }, 401),
      getToken: () => 'tok',
      refreshToken: () => new Promise<void>(() => {}),
    })
    const controller = new AbortController()
    const asked = http.request('/v1/x', { signal: controller.signal })
    await new Promise((r) => setTimeout(r, 20))
    controller.abort(new DOMException('gone', 'AbortError'))
    expect(await settledWithin(asked, 500)).toMatchObject({ name: 'AbortError', message: 'gone' })
  })
})
