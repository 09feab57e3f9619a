import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import { chatwootTransport } from 'help-feedback/transports/chatwoot'
import { ChatwootState, createChatwootHandlers } from '../msw/chatwoot.js'
import { describeTransportContract } from './transportContract.js'

/*
 * The Chatwoot adapter against a fake Chatwoot client API (msw) and an in-process ActionCable
 * endpoint, with identity validation on (the hash is what the host backend would compute).
 */

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

describeTransportContract('chatwoot over msw', async () => {
  const state = new ChatwootState()
  server.resetHandlers(...createChatwootHandlers(state))
  return {
    transport: chatwootTransport({
      baseUrl: 'http://chat.test',
      inboxIdentifier: state.inbox,
      portalSlug: 'help',
      identifierHash: async (user) => state.hash(user?.id ?? ''),
      WebSocket: state.cable.WebSocket,
      cable: { minDelayMs: 20, staleMs: 5000 },
    }),
    agent: {
      reply: async (id, text) => state.agentReply(Number(id), text),
      setTicketStatus: async (id, status) => state.agentStatus(Number(id), status),
    },
    skip: {
      'an ended conversation refuses new messages':
        'Chatwoot reopens a resolved conversation when the contact writes (Message#reopen_conversation); the SDK starts a new chat after ending one',
      'uploads an attachment and a ticket can reference it':
        'Chatwoot has no upload step: files travel with the message and get server ids; unit tests check the multipart message',
    },
    cleanup: async () => {},
  }
})
