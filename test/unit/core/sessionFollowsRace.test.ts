/**
 * The session status follows a sign-in the REST transport makes by itself, but only when that
 * sign-in lands while the status is `error`. One that lands while the host's own identify is still
 * under way (its token slow, a request meanwhile signing in with a token that came at once) was
 * ignored; the host's identify then timed out and set `error`. The transport is signed in and
 * never signs in again (it has its session), so the status said `error` for good while every
 * request went out signed in.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import { restBackend, tokenLateOnce } from '../../support/restBackend.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('a transport sign-in that lands while the host identify is under way', () => {
  it('leaves the session ready when the host identify then times out', async () => {
    const { fetch, identified, authorized } = restBackend()
    // The host identify's token never comes; the one the transport asks for next comes at once.
    const { transport: rest, asked } = tokenLateOnce(fetch, 80)
    const client = createSupportClient({
      transport: rest,
    })
    const transport = await client.transport()
    const identify = client.identify({ id: 'alice' })
    // The host identify reached the transport: it waits for its token.
    await vi.waitFor(() => expect(asked()).toBe(1))
    // Meanwhile a request finds no session and signs alice in by itself.
    await expect(transport.listTickets!()).resolves.toEqual([])
    expect(identified).toEqual(['alice'])
    await identify.catch(() => {})

    // The transport is signed in: the next request goes out with alice's session, no sign-in.
    await expect(transport.listTickets!()).resolves.toEqual([])
    expect(identified).toEqual(['alice'])
    expect(authorized).toEqual(['Bearer bearer-of-alice', 'Bearer bearer-of-alice'])
    expect(client.store.getState().session).toMatchObject({
      status: 'ready',
      user: { id: 'alice' },
      session: { userId: 'alice', token: 'bearer-of-alice' },
    })
    client.destroy()
  })
})
