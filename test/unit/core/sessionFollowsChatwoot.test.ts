import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { chatwootTransport } from '../../../src/transports/chatwoot.js'
import { ChatwootState, createChatwootHandlers } from '../../msw/chatwoot.js'

/**
 * Chatwoot signs its user in again by itself when the cable refuses the contact's pubsub token
 * (the contact is looked up, or made anew). After a sign-in of the host's that failed, the
 * client's session said `error` while the transport was signed in again; it follows the
 * transport now, as with REST (`Transport.onSignIn`).
 */
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
})

describe('chatwoot: session status after the transport signed in by itself', () => {
  it('becomes ready when the cable’s own sign-in succeeds after a failed identify', async () => {
    const state = new ChatwootState()
    const handlers = createChatwootHandlers(state)
    server.resetHandlers(...handlers)
    const transport = chatwootTransport({
      baseUrl: 'http://chat.test',
      inboxIdentifier: state.inbox,
      WebSocket: state.cable.WebSocket,
      retries: 0,
      cable: { minDelayMs: 10, maxDelayMs: 20 },
    })
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({ transport, onEvent: (e) => events.push(e) })
    await client.identify({ id: 'alice' })
    expect(client.store.getState().session.status).toBe('ready')

    // The host signs alice in again; the network drops that request.
    server.use(
      http.get(`http://chat.test/public/api/v1/inboxes/${state.inbox}/contacts/:cid`, () => HttpResponse.error()),
    )
    await expect(client.identify({ id: 'alice' })).rejects.toBeDefined()
    expect(client.store.getState().session.status).toBe('error')
    server.resetHandlers(...handlers)

    // Chatwoot has dropped alice's contact: the cable refuses its token, and the transport
    // signs alice in again by itself (a new contact).
    state.contactInboxes.clear()
    state.cable.tokens.clear()
    events.length = 0
    const stop = transport.subscribe!(() => {})
    await vi.waitFor(() => expect(state.cable.subscribed).toBe(1))

    expect(client.store.getState().session).toMatchObject({
      status: 'ready',
      errorCode: undefined,
      user: { id: 'alice' },
      session: { userId: 'alice' },
    })
    expect(events.filter((e) => e.type === 'session:identify')).toEqual([{ type: 'session:identify', userId: 'alice' }])
    stop()
    client.destroy()
  })
})
