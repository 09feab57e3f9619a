import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { restTransport } from '../../../src/transports/rest.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/**
 * Sign-ins and sign-outs run in call order, so one that never settles would hold up every later
 * one. The REST transport asks the host for the user's token before it calls the server; a host
 * whose token callback never returns (its own sign-in broke) must not keep the next user out.
 */
describe('REST transport: a token callback that never settles', () => {
  it('lets a later sign-out and sign-in through, and the next user signs in', async () => {
    const seen: string[] = []
    let calls = 0
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input instanceof Request ? input.url : input)
      if (url.endsWith('/v1/identify')) {
        const { userId } = JSON.parse(String(init?.body)) as { userId: string }
        seen.push(userId)
        return new Response(JSON.stringify({ userId, token: `bearer-of-${userId}` }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        })
      }
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } })
    }
    const client = createSupportClient({
      transport: restTransport({
        baseUrl: 'https://api.test',
        fetch,
        retries: 0,
        // The first user's token never comes; the next user's does.
        getUserToken: () => (calls++ == 0 ? new Promise<string>(() => {}) : Promise.resolve('jwt-b')),
      }),
    })
    void client.identify({ id: 'alice' })
    await new Promise((r) => setTimeout(r, 10))
    await client.logout()
    await client.identify({ id: 'bob' })
    expect(seen).toEqual(['bob'])
    expect(client.store.getState().session).toMatchObject({ status: 'ready', user: { id: 'bob' } })
    client.destroy()
  })
})
