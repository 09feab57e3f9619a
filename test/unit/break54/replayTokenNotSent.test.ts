/**
 * A keyed write answered 401: the client refreshes the token and sends it once more. When the
 * refresh succeeds but the host's token for that second attempt does not come (its callback
 * times out), the second attempt never left and the first was answered 401 (not taken): the
 * write is not sent, as when the refresh itself times out. It failed "outcome unknown", and the
 * outbox reconciled it (a Zendesk lookup of the user's requests) instead of sending it again.
 * After a retried first attempt (a 503, then the 401) the outcome stays unknown.
 */
import { describe, expect, it } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { decideFailure } from '../../../src/outbox/index.js'
import { createHttp } from '../../../src/transports/http.js'
import { zendeskTransport } from '../../../src/transports/zendesk.js'

const never = () => new Promise<never>(() => {})
const TICKET = { category: 'other', subject: 's', description: 'd', fields: {}, attachments: [] } as never
const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('a write answered 401, refreshed, whose next token timed out', () => {
  it('zendesk: not sent, the outbox sends it again rather than reconciling', async () => {
    let tokens = 0
    let refreshed = 0
    const sent: string[] = []
    const transport = zendeskTransport({
      subdomain: 'acme',
      timeoutMs: 60,
      // The first token comes; after the refresh the host's callback never answers.
      getAccessToken: () => (tokens++ === 0 ? 'old' : never()),
      refreshAccessToken: async () => void refreshed++,
      fetch: async (input) => {
        sent.push(new URL(String(input instanceof Request ? input.url : input)).pathname)
        return json({ error: 'invalid_token' }, 401)
      },
    })
    const error = await transport.createTicket(TICKET, { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(sent).toEqual(['/api/v2/requests'])
    expect(refreshed).toBe(1)
    expect(tokens).toBe(2)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).sent).toBe(false)
    expect(decideFailure(error, 1, () => 0.5)).not.toHaveProperty('unknownOutcome')
  })

  it('after a 503 then the 401, the outcome stays unknown', async () => {
    let tokens = 0
    let status = [503, 401]
    const http = createHttp({
      baseUrl: 'https://api.test',
      timeoutMs: 60,
      retries: 1,
      getToken: () => (tokens++ < 2 ? 'old' : never()),
      refreshToken: async () => {},
      fetch: async () => {
        const [s = 401, ...rest] = status
        status = rest
        return json({}, s)
      },
    })
    const error = await http.request('/w', { method: 'POST', json: {}, idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(tokens).toBe(3)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).sent).toBeUndefined()
    expect(decideFailure(error, 1, () => 0.5)).toMatchObject({ unknownOutcome: true })
  })
})
