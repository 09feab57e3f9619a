/**
 * `sent: false` is written on the error object itself, and the REST transport's sign-in is
 * shared: every request that finds the session missing or stale waits on the same identify and
 * gets the same error when it fails. A read that had not gone out marked that shared error "not
 * sent", so a keyed write whose first attempt did go out (answered 503, retried, its retry waiting
 * on that sign-in) failed with `sent: false` too, and the outbox retried it plainly instead of
 * reconciling an outcome it does not know.
 */
import { describe, expect, it, vi } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { decideFailure } from '../../../src/outbox/index.js'
import { restTransport } from '../../../src/transports/rest.js'
import { jsonResponse } from '../../support/restBackend.js'

const TICKET = { category: 'other', subject: 's', description: 'd', fields: {} } as never
const never = () => new Promise<never>(() => {})

describe('a sign-in error shared by a write that went out and a read that did not', () => {
  it('leaves the write an unknown outcome', async () => {
    const sent: string[] = []
    let tokens = 0
    const transport = restTransport({
      baseUrl: 'https://api.test',
      timeoutMs: 300,
      retries: 1,
      user: { id: 'u1' },
      // The first sign-in's token comes; the next one's never does.
      getUserToken: () => (tokens++ == 0 ? Promise.resolve('jwt') : never()),
      fetch: async (input) => {
        const url = String(input instanceof Request ? input.url : input).replace('https://api.test', '')
        sent.push(url)
        if (url === '/v1/identify') {
          const expiresAt = new Date(Date.now() + 600_000).toISOString()
          return jsonResponse({ userId: 'u1', token: 'b', expiresAt })
        }
        // A gateway's 503 (the write may or may not have reached the backend), from a server
        // whose clock is an hour ahead: the session is stale when the write is tried again.
        return new Response('', { status: 503, headers: { Date: new Date(Date.now() + 3_600_000).toUTCString() } })
      },
    })
    const write = transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    // The write went out, and its retry waits for a new sign-in; a read comes and waits for it too.
    await vi.waitFor(() => expect(tokens).toBe(2), { timeout: 3000 })
    const read = transport.listTickets!().catch((e: unknown) => e)
    const [writeError, readError] = await Promise.all([write, read])

    expect(sent).toEqual(['/v1/identify', '/v1/tickets'])
    expect(readError).toBeInstanceOf(TimeoutError)
    expect((readError as TimeoutError).sent).toBe(false)
    expect(writeError).toBeInstanceOf(TimeoutError)
    expect((writeError as TimeoutError).sent).toBeUndefined()
    expect(decideFailure(writeError, 1, () => 0.5)).toMatchObject({ retry: true, unknownOutcome: true })
  })
})
