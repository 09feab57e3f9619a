import { describe, expect, it } from 'vitest'
import { restTransport } from '../../../src/transports/rest.js'
import { jsonResponse } from '../../support/restBackend.js'

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))

/**
 * A slow but working host: its token callback answers within `timeoutMs`, and so does the
 * identify request. Each step is in time, so the request waiting on the sign-in goes out; the
 * two together take longer than one `timeoutMs`, which is no reason to fail it.
 */
describe('REST: a request waiting on a slow sign-in whose every step answers in time', () => {
  it('is sent once the token and the identify have answered', async () => {
    const sent: string[] = []
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input)
      sent.push(`${url.replace('https://api.test', '')} ${new Headers(init?.headers).get('Authorization') ?? ''}`)
      if (url.endsWith('/v1/identify')) return later(250, jsonResponse({ userId: 'u1', token: 'bearer-1' }))
      return jsonResponse({ open: true, agentsOnline: 1, queueLength: 0 })
    }
    const t = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 400,
      retries: 0,
      fetch,
      user: { id: 'u1' },
      getUserToken: () => later(250, 'jwt-1'),
    })
    await expect(t.availability!()).resolves.toMatchObject({ open: true })
    expect(sent).toEqual(['/v1/identify ', '/v1/availability Bearer bearer-1'])
  })

  it('a token that takes longer than timeoutMs still fails the request with a timeout', async () => {
    const t = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 100,
      retries: 0,
      fetch: async () => jsonResponse({ userId: 'u1', token: 'bearer-1' }),
      user: { id: 'u1' },
      getUserToken: () => later(300, 'jwt-1'),
    })
    await expect(t.availability!()).rejects.toMatchObject({ code: 'timeout' })
  })
})
