import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import { freshdeskTransport } from 'help-feedback/transports/freshdesk'
import { startServer, type RunningServer } from '../../examples/server/server.js'
import type { TicketStatus } from '../../src/types.js'
import { createFreshdeskHandlers, FreshdeskState } from '../msw/freshdesk.js'
import { identityToken } from '../support/identityToken.js'
import { describeTransportContract, key } from './transportContract.js'

/*
 * The Freshdesk transport → the reference server in Freshdesk proxy mode (real HTTP on
 * 127.0.0.1, HMAC user tokens) → a fake Freshdesk (msw). Nothing leaves the machine: requests to
 * anything but loopback that no handler answers fail the test.
 */

const SECRET = 'fd-contract-secret'
const state = { current: new FreshdeskState() }
const msw = setupServer()
let server: RunningServer

beforeAll(async () => {
  msw.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error()
    },
  })
  server = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: SECRET,
    freshdesk: { domain: 'acme', apiKey: 'fd-test-key' },
  })
})
afterAll(async () => {
  await server?.close()
  msw.close()
})

const FD_STATUS: Record<TicketStatus, number> = { new: 2, open: 2, pending: 3, on_hold: 7, solved: 4, closed: 5 }

describeTransportContract('freshdesk via the proxy', async () => {
  state.current = new FreshdeskState()
  msw.resetHandlers(...createFreshdeskHandlers(state.current))
  const user = { id: `fd-${key()}`, name: 'Contract User', email: 'contract@example.org' }
  return {
    transport: freshdeskTransport({
      baseUrl: `${server.url}/freshdesk`,
      getUserToken: () => identityToken(SECRET, { sub: user.id, name: user.name, email: user.email }),
    }),
    user,
    agent: {
      reply: async () => {
        throw new Error('Freshdesk has no chat')
      },
      setTicketStatus: async (id, status) => state.current.setStatus(Number(id), FD_STATUS[status]),
    },
    cleanup: async () => {},
  }
})
