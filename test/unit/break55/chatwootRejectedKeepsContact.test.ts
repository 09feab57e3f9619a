/**
 * Chatwoot refuses a cable subscription whose pubsub token it no longer knows. The transport
 * then signed in again without the contact it already had: without a `contactStore` it created
 * a new contact inbox (a new source id), and a contact without identity validation sees only
 * its own source id's conversations, so the user's reports vanished from "My requests". It
 * signs in again as the known contact (its source id gives the current pubsub token) and creates
 * one only when the known one is gone.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chatwootTransport } from '../../../src/transports/chatwoot.js'
import type { Transport, WriteFinder } from '../../../src/transports/types.js'
import { ChatwootState, createChatwootHandlers } from '../../msw/chatwoot.js'
import { waitFor } from '../../support/waitFor.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const REPORT = {
  category: 'topup_failed',
  subject: 'S',
  description: 'D',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
} as const

let state: ChatwootState
let t: Transport & WriteFinder
const creates = () => state.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/contacts')).length

beforeEach(async () => {
  state = new ChatwootState()
  server.resetHandlers(...createChatwootHandlers(state))
  // No identity validation and no contactStore: the contact lives in this page only.
  t = chatwootTransport({
    baseUrl: 'http://chat.test',
    inboxIdentifier: state.inbox,
    WebSocket: state.cable.WebSocket,
    cable: { minDelayMs: 10, maxDelayMs: 40, staleMs: 5000 },
  })
  await t.identify({ id: 'u-1', name: 'Ada' })
  await t.createTicket(REPORT as never, { idempotencyKey: 'r1' })
  t.subscribe!(() => {})
  await waitFor(() => state.cable.subscribed === 1)
})
afterEach(() => t.dispose?.())

describe('a refused cable subscription', () => {
  it('signs in again as the known contact: no new contact, the reports stay listed', async () => {
    const [inbox] = [...state.contactInboxes.values()]
    // Chatwoot now knows the contact inbox by another pubsub token.
    inbox!.pubsub = 'pubsub_rotated'
    state.cable.tokens.clear()
    state.cable.tokens.add('pubsub_rotated')
    state.cable.dropAll()
    await waitFor(() => expect(state.cable.subscribed).toBe(1))
    expect(creates()).toBe(1)
    expect([...state.cable.sockets].map((s) => s.token)).toEqual(['pubsub_rotated'])
    expect(state.contactInboxes.size).toBe(1)
    expect(await t.listTickets!()).toHaveLength(1)
  })

  it('creates a contact when the known one is gone', async () => {
    state.contactInboxes.clear()
    state.cable.tokens.clear()
    state.cable.dropAll()
    await waitFor(() => expect(state.cable.subscribed).toBe(1))
    expect(creates()).toBe(2)
  })
})
