/**
 * A job's request finds no session, and the sign-in the REST transport makes for it is refused
 * with 422 (the server will not accept the identity the host gave: the report itself was never
 * looked at). The outbox took that for a refusal of the report: `rejected`, "Support could not
 * accept this report. Please check it", though editing it changes nothing, and not sent again
 * once the user could be signed in. It is a missing session now, as a 401 is: the job stays
 * stored and goes out once a sign-in succeeds (`authorized()`), not on a timer.
 */
import { describe, expect, it, vi } from 'vitest'
import { RejectedError, UnauthorizedError } from '../../../src/errors/index.js'
import { createOutbox, type OutboxJobBase } from '../../../src/outbox/index.js'
import { memoryStore } from '../../../src/storage/index.js'
import { restTransport } from '../../../src/transports/rest.js'
import { jsonResponse } from '../../support/restBackend.js'
import { wireTicket } from '../../support/fixtures.js'

const TICKET = { category: 'other', subject: 's', description: 'd', fields: {} } as never
const TICKET_ANSWER = wireTicket

/** A REST backend whose identify refuses the user's identity (422) until `accept` is set. */
function backend() {
  const sent: string[] = []
  const state = { accept: false }
  const transport = restTransport({
    baseUrl: 'https://api.test',
    retries: 0,
    user: { id: 'u1' },
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input).replace('https://api.test', '')
      sent.push(url)
      if (url === '/v1/identify')
        return state.accept
          ? jsonResponse({ userId: 'u1', token: 'b' })
          : jsonResponse({ error: { code: 'invalid_body', message: 'userId: too long' } }, 422)
      return jsonResponse(TICKET_ANSWER, 201)
    },
  })
  return { transport, sent, state }
}

describe('a job whose sign-in the server refused (422)', () => {
  it('the request fails as unauthorized, not as a refusal of the job', async () => {
    const { transport, sent } = backend()
    const error = await transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(sent).toEqual(['/v1/identify'])
    // The host's own identify still says what the server said.
    await expect(transport.identify({ id: 'u1' })).rejects.toBeInstanceOf(RejectedError)
  })

  it('the outbox keeps the job and sends it once a sign-in succeeds', async () => {
    const { transport, sent, state } = backend()
    const changes: OutboxJobBase[] = []
    let sentTicket: unknown
    const outbox = createOutbox<unknown, OutboxJobBase>({
      store: memoryStore(),
      channel: null,
      environment: {},
      random: () => 0.05,
      send: (_job, ctx) => transport.createTicket(TICKET, ctx),
      onChange: (e) => {
        if (e.type === 'updated' || e.type === 'rejected') changes.push(e.job)
        if (e.type === 'sent') sentTicket = e.result
      },
    })
    await outbox.enqueue('ticket', {})
    await vi.waitFor(() => expect(changes.some((j) => j.lastError)).toBe(true))
    expect(changes.find((j) => j.lastError)).toMatchObject({
      state: 'failed_retryable',
      lastError: { code: 'unauthorized' },
    })
    expect(await outbox.list()).toHaveLength(1)

    // The host signs the user in with an identity the server takes; the client's services tell
    // the outbox (session:identify). Until then no timer sends it again: nothing would change.
    state.accept = true
    await transport.identify({ id: 'u1' })
    outbox.authorized()
    await vi.waitFor(() => expect(sentTicket).toMatchObject({ reference: 'HF-1' }), { timeout: 5000 })
    expect(sent.filter((u) => u === '/v1/tickets')).toHaveLength(1)
    expect(await outbox.list()).toHaveLength(0)
    outbox.dispose()
  })
})
