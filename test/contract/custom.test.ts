import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MalformedResponseError, RateLimitedError, RejectedError } from '../../src/errors/index.js'
import { http, HttpResponse } from 'msw'
import { inHouseTransport } from '../../examples/custom-transport/inHouseTransport.js'
import { CareApi } from '../../examples/custom-transport/mockApi.js'
import { describeTransportContract, ticketInput } from './transportContract.js'

/* The custom-transport example passes the same contract as the shipped transports. */

const BASE = 'https://care.internal.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const STATE: Record<string, string> = {
  new: 'NEW',
  open: 'OPEN',
  pending: 'WAITING_ON_YOU',
  on_hold: 'ON_HOLD',
  solved: 'RESOLVED',
  closed: 'CLOSED',
}
function subject() {
  const api = new CareApi()
  server.resetHandlers(...api.handlers(BASE))
  const transport = inHouseTransport({ baseUrl: BASE, sign: async (id) => CareApi.sign(id) })
  return { api, transport }
}

describeTransportContract('custom in-house transport (example)', async () => {
  const { api, transport } = subject()
  return {
    transport,
    agent: {
      reply: async () => {
        throw new Error('no chat')
      },
      setTicketStatus: async (id, status) => api.setState(id, STATE[status] ?? 'OPEN'),
    },
    cleanup: async () => {},
  }
})

describe('custom transport error mapping', () => {
  it('422 → RejectedError with fields, 429 → RateLimitedError, bad shape → MalformedResponseError', async () => {
    const { api, transport } = subject()
    await transport.identify({ id: 'u1' })
    const rejected = await transport
      .createTicket(ticketInput({ subject: ' ' }), { idempotencyKey: 'k' })
      .catch((e: unknown) => e)
    expect((rejected as RejectedError).fieldErrors).toEqual([{ field: 'title', code: 'required' }])
    api.throttle = 1
    expect(((await transport.listTickets!().catch((e: unknown) => e)) as RateLimitedError).retryAfterMs).toBe(45_000)
    server.use(http.get(`${BASE}/care/cases`, () => HttpResponse.json({ cases: [{ case_id: 7 }] })))
    await expect(transport.listTickets!()).rejects.toBeInstanceOf(MalformedResponseError)
  })
})
