import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RejectedError } from '../../../src/errors/index.js'
import { zendeskTransport } from '../../../src/transports/zendesk.js'
import type { TicketInput } from '../../../src/types.js'
import { createZendeskHandlers, ZendeskState } from '../../msw/zendesk.js'

/**
 * Zendesk without credentials files a request as `{ name, email }` of the identified user. After
 * a sign-out, whoever uses the device next must not file reports under the previous user's
 * e-mail (Zendesk would answer them to that inbox).
 */
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const input: TicketInput = {
  category: 'other',
  subject: 'Help',
  description: 'written after the previous user signed out',
  fields: {},
  attachments: [],
  priority: 'normal',
  locale: 'en',
}

describe('zendesk anonymous mode after a sign-out', () => {
  it("a report is not filed under the previous user's e-mail", async () => {
    const state = new ZendeskState([])
    server.resetHandlers(...createZendeskHandlers(state))
    const sent: unknown[] = []
    server.events.removeAllListeners()
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST')
        void request
          .clone()
          .json()
          .then((b: unknown) => sent.push(b))
    })
    const t = zendeskTransport({ subdomain: 'acme' })
    await t.identify({ id: 'u1', name: 'Ada', email: 'ada@example.org' })
    t.signOut?.()
    const error = await t.createTicket(input, { idempotencyKey: 'k-after' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect(JSON.stringify(sent)).not.toContain('ada@example.org')
  })
})
