/**
 * brk55: a job's sign-in refused (REST identify 422) that is answered only after the host's own
 * identify of the same user succeeded must not put the fresh, working session in 'error'.
 */
import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { createSupportClient } from '../../../src/client.js'
import type { HelpFeedbackEvent } from '../../../src/events.js'
import { restTransport } from '../../../src/transports/rest.js'
import { ticketInput, wireTicket } from '../../support/fixtures.js'
import { outboxClock } from '../../support/outboxClock.js'
import { jsonResponse } from '../../support/restBackend.js'

const input = ticketInput('refund missing')
const TICKET = wireTicket

function backend() {
  const state = { token: 0, valid: '', hold: false }
  const held: Array<() => void> = []
  const calls: string[] = []
  const transport = restTransport({
    baseUrl: 'https://api.test',
    retries: 0,
    fetch: async (req, init) => {
      const url = String(req instanceof Request ? req.url : req).replace('https://api.test', '')
      calls.push(url)
      if (url === '/v1/identify') {
        if (state.hold) {
          // This identify is answered 422, but late.
          await new Promise<void>((r) => held.push(r))
          return jsonResponse({ error: { code: 'invalid_body', message: 'no such user' } }, 422)
        }
        state.valid = `tok${++state.token}`
        return jsonResponse({ userId: 'alice', token: state.valid })
      }
      if (new Headers(init?.headers).get('Authorization') !== `Bearer ${state.valid}`)
        return jsonResponse({ error: { code: 'unauthorized', message: 'expired' } }, 401)
      return jsonResponse(TICKET, 201)
    },
  })
  return { transport, state, held, tickets: () => calls.filter((c) => c === '/v1/tickets').length }
}

const { settle } = outboxClock()

describe('brk55: a sign-in refusal answered after a sign-in that succeeded', () => {
  it('leaves the session ready and tells the host no error', async () => {
    const b = backend()
    const events: HelpFeedbackEvent[] = []
    const client = createSupportClient({
      transport: b.transport,
      user: { id: 'alice' },
      onEvent: (e) => events.push(e),
    })
    await client.ready()
    await settle()
    const { outbox } = await client.services()
    await settle()
    expect(client.store.getState().session.status).toBe('ready')

    // The token expires; the job's own sign-in is slow and will be refused.
    b.state.valid = 'none'
    b.state.hold = true
    await outbox.enqueue('ticket', { input })
    await settle()
    expect(b.held).toHaveLength(1)

    // Meanwhile the host signs alice in, and the server takes it.
    b.state.hold = false
    await client.identify({ id: 'alice' })
    await settle()
    expect(client.store.getState().session.status).toBe('ready')

    // The stale refusal arrives.
    b.held.forEach((r) => r())
    await settle()
    await vi.advanceTimersByTimeAsync(1000)
    await settle()

    expect(b.tickets()).toBe(2)
    expect(await outbox.list()).toEqual([])
    expect({
      status: client.store.getState().session.status,
      errors: events.filter((e) => e.type === 'error').length,
    }).toEqual({ status: 'ready', errors: 0 })
    client.destroy()
  })
})
