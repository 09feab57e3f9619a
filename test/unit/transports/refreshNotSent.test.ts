/**
 * A keyed write answered 401: the transport signs in again and sends it once more. When that
 * sign-in failed (the host's token callback timed out), the write failed with the sign-in's
 * TimeoutError as it was, "outcome unknown", and the outbox reconciled it. Its one attempt was
 * answered 401 (the server did not take it) and the second never left the device: it is not
 * sent (`sent: false`, said on the request's own view of the shared sign-in error), and the
 * outbox retries it plainly. A write that timed out after it went out keeps its unknown outcome.
 */
import { describe, expect, it } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { decideFailure } from '../../../src/outbox/index.js'
import { restTransport } from '../../../src/transports/rest.js'
import { jsonResponse } from '../../support/restBackend.js'

const TICKET = { category: 'other', subject: 's', description: 'd', fields: {} } as never
const never = () => new Promise<never>(() => {})

/** The host's first token comes, the next never does; the write is answered 401 (after a 503), or never. */
function rest(write: 401 | '503, 401' | 'hang') {
  let writes = 0
  const sent: string[] = []
  let tokens = 0
  const transport = restTransport({
    baseUrl: 'https://api.test',
    timeoutMs: 60,
    retries: write === '503, 401' ? 1 : 0,
    user: { id: 'u1' },
    getUserToken: () => (tokens++ == 0 ? Promise.resolve('jwt') : never()),
    fetch: async (input) => {
      const url = String(input instanceof Request ? input.url : input).replace('https://api.test', '')
      sent.push(url)
      if (url === '/v1/identify') return jsonResponse({ userId: 'u1', token: 'b' })
      if (write === 'hang') return never()
      // A gateway's 503: the write may or may not have reached the backend.
      if (write === '503, 401' && writes++ == 0) return new Response('', { status: 503 })
      return jsonResponse({ error: { code: 'unauthorized', message: 'expired' } }, 401)
    },
  })
  return { transport, sent, tokens: () => tokens }
}

describe('a write answered 401 whose new sign-in timed out', () => {
  it('is not sent: the outbox retries it, nothing to reconcile', async () => {
    const { transport, sent, tokens } = rest(401)
    const error = await transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(sent).toEqual(['/v1/identify', '/v1/tickets'])
    expect(tokens()).toBe(2)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).sent).toBe(false)
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ retry: true, error: { code: 'timeout' } })
    expect(decideFailure(error, 1, () => 0.5)).not.toHaveProperty('unknownOutcome')
  })

  it('after a 503 then a 401, the outcome stays unknown', async () => {
    const { transport, sent } = rest('503, 401')
    const error = await transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(sent).toEqual(['/v1/identify', '/v1/tickets', '/v1/tickets'])
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).sent).toBeUndefined()
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ retry: true, unknownOutcome: true })
  })

  it('a write that went out and timed out keeps its unknown outcome', async () => {
    const { transport, sent } = rest('hang')
    const error = await transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(sent).toEqual(['/v1/identify', '/v1/tickets'])
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).sent).toBeUndefined()
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ retry: true, unknownOutcome: true })
  })
})
