import { afterEach, describe, expect, it, vi } from 'vitest'
import { RateLimitedError } from '../../../src/errors/index.js'
import { createHttp, retryAfterFrom } from '../../../src/transports/http.js'
import { restTransport } from '../../../src/transports/rest.js'

const DAY = 86_400_000
const SERVER_NOW = Date.parse('2026-12-02T08:00:00Z')
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', Date: new Date(SERVER_NOW).toUTCString(), ...headers },
  })

afterEach(() => void vi.useRealTimers())

describe('server time', () => {
  it('reads a Retry-After date against the response Date, not the device clock, and caps it at 10 minutes', () => {
    const headers = new Headers({
      Date: new Date(SERVER_NOW).toUTCString(),
      'Retry-After': new Date(SERVER_NOW + 30_000).toUTCString(),
    })
    // The device is a day behind: against its clock the date would be a day away.
    expect(retryAfterFrom(headers, SERVER_NOW - DAY)).toBe(30_000)
    expect(
      retryAfterFrom(new Headers({ 'Retry-After': new Date(SERVER_NOW + DAY).toUTCString() }), SERVER_NOW - DAY),
    ).toBe(600_000)
    expect(retryAfterFrom(new Headers({ 'Retry-After': '86400' }))).toBe(600_000)
  })

  it('a 429 with a Retry-After date carries the wait measured on the server clock', async () => {
    vi.useFakeTimers({ now: SERVER_NOW - DAY, toFake: ['Date'] })
    const http = createHttp({
      baseUrl: 'https://api.test',
      retries: 0,
      fetch: async () =>
        json({ error: { code: 'rate_limited' } }, 429, { 'Retry-After': new Date(SERVER_NOW + 20_000).toUTCString() }),
    })
    const error = await http.request('/v1/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(20_000)
  })

  it('with the device clock a day ahead, a one-hour session is identified once, not before every request', async () => {
    vi.useFakeTimers({ now: SERVER_NOW + DAY, toFake: ['Date'] })
    const calls: string[] = []
    const transport = restTransport({
      baseUrl: 'https://api.test',
      getUserToken: async () => 'signed',
      fetch: async (input, init) => {
        const url = new Request(input, init).url
        calls.push(new URL(url).pathname)
        if (url.endsWith('/v1/identify'))
          return json({
            userId: 'u1',
            token: 'session-token',
            expiresAt: new Date(SERVER_NOW + 3600_000).toISOString(),
          })
        return json([])
      },
    })
    await transport.identify({ id: 'u1' })
    for (let i = 0; i < 5; i++) await transport.listTickets!()
    expect(calls.filter((p) => p === '/v1/identify')).toHaveLength(1)
    expect(calls.filter((p) => p === '/v1/tickets')).toHaveLength(5)
  })

  it("identify of another user drops the previous user's session: nothing goes out with it while the new identify fails", async () => {
    const auth: Array<string | null> = []
    let fail = false
    const transport = restTransport({
      baseUrl: 'https://api.test',
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (request.url.endsWith('/v1/identify')) {
          if (fail) throw new TypeError('network down')
          const body = (await request.json()) as { userId: string }
          return json({ userId: body.userId, token: `token-${body.userId}` })
        }
        auth.push(request.headers.get('Authorization'))
        return json([])
      },
      retries: 0,
    })
    await transport.identify({ id: 'A', token: 'a' })
    await transport.listTickets!()
    fail = true
    await expect(transport.identify({ id: 'B', token: 'b' })).rejects.toBeDefined()
    await transport.listTickets!().catch(() => undefined)
    expect(auth).toEqual(['Bearer token-A'])
  })
})
