import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatwootTransport } from '../../../src/transports/chatwoot.js'
import { ChatwootState, createChatwootHandlers } from '../../msw/chatwoot.js'

/**
 * Chatwoot keys everything by the contact: a request made for the next user while their
 * identify is on the wire, or after a sign-out, must not go to the previous user's contact
 * (their conversations listed, the next user's queued report filed in their name).
 */
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

function setup() {
  const state = new ChatwootState()
  server.resetHandlers(...createChatwootHandlers(state))
  const t = chatwootTransport({
    baseUrl: 'http://chat.test',
    inboxIdentifier: state.inbox,
    identifierHash: async (u) => state.hash(u?.id ?? ''),
    WebSocket: state.cable.WebSocket,
  })
  return { state, t }
}

const contactOf = (path: string) => /\/contacts\/([^/]+)/.exec(path)?.[1]

describe('chatwoot: the previous contact after a switch or a sign-out', () => {
  it("a request made while the next user's identify is on the wire does not use the previous contact", async () => {
    const { state, t } = setup()
    await t.identify({ id: 'alice' })
    await t.startConversation!({ locale: 'en', text: 'alice here' }, { idempotencyKey: 'a1' })
    const alice = contactOf(state.calls.find((c) => c.path.includes('/contacts/'))?.path ?? '')
    expect(alice).toBeTruthy()
    state.calls.length = 0
    const bob = t.identify({ id: 'bob' })
    const listed = t.listTickets!().catch((e: unknown) => e)
    await bob
    const mine = await listed
    const used = state.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/conversations'))
    expect(used.map((c) => contactOf(c.path))).not.toContain(alice)
    if (Array.isArray(mine)) expect(mine).toEqual([])
    t.dispose?.()
  })

  it('after signOut, nothing is read or written as the previous contact', async () => {
    const { state, t } = setup()
    await t.identify({ id: 'alice' })
    await t.startConversation!({ locale: 'en', text: 'alice here' }, { idempotencyKey: 'a1' })
    expect(t.signOut).toBeTypeOf('function')
    t.signOut?.()
    state.calls.length = 0
    await expect(t.listTickets!()).rejects.toMatchObject({ code: 'unauthorized' })
    expect(state.calls).toEqual([])
    t.dispose?.()
  })
})
