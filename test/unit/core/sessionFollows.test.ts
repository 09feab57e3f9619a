import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { restBackend, tokenLateOnce } from '../../support/restBackend.js'

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

/**
 * A sign-in that timed out leaves the session in `error`. The REST transport signs the user in
 * again by itself on its next request (no session: it identifies first); the client's session
 * status then said `error` until the host called identify again, while every request went out
 * signed in. It follows the transport now.
 */
describe('session status after a timed-out sign-in', () => {
  it('becomes ready when the transport signs in again on its own', async () => {
    const { fetch, identified } = restBackend()
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      onEvent: (e) => events.push(e),
      // The host's token does not come in time once; then it does.
      transport: tokenLateOnce(fetch, 50).transport,
    })
    await expect(client.identify({ id: 'alice' })).rejects.toMatchObject({ code: 'timeout' })
    expect(client.store.getState().session).toMatchObject({ status: 'error', errorCode: 'timeout' })

    // A later request: the transport identifies first, then the request goes out signed in.
    const transport = await client.transport()
    await expect(transport.listTickets!()).resolves.toEqual([])
    expect(identified).toEqual(['alice'])

    expect(client.store.getState().session).toMatchObject({
      status: 'ready',
      errorCode: undefined,
      user: { id: 'alice' },
      session: { userId: 'alice', token: 'bearer-of-alice' },
    })
    expect(events.filter((e) => e.type === 'session:identify')).toEqual([{ type: 'session:identify', userId: 'alice' }])
    client.destroy()
  })
})
