/**
 * A write answered 401 waits for the host's `refreshAccessToken` (Zendesk) before it is sent
 * again. A host whose refresh never answers (its own sign-in broke, a prompt nobody answers)
 * held the request, and the report the user sent, in `sending` for ever, as `getAccessToken`
 * may not: it has `timeoutMs` to answer, as a request does. The refresh has that time too; then
 * the write fails not sent (its one attempt was answered 401), and the next 401 asks the host
 * again instead of waiting on the refresh that never answered.
 */
import { describe, expect, it } from 'vitest'
import { TimeoutError } from '../../../src/errors/index.js'
import { zendeskTransport } from '../../../src/transports/zendesk.js'

const never = () => new Promise<never>(() => {})
const TICKET = { category: 'other', subject: 's', description: 'd', fields: {}, attachments: [] } as never
const hung = (p: Promise<unknown>) =>
  Promise.race([p.catch((e: unknown) => e), new Promise((r) => setTimeout(() => r('still waiting'), 1000))])

describe('a 401 whose host refresh never answers', () => {
  it('fails in time, not sent, and the next 401 asks the host again', async () => {
    let refreshes = 0
    const sent: string[] = []
    const transport = zendeskTransport({
      subdomain: 'acme',
      timeoutMs: 60,
      getAccessToken: () => 'old',
      refreshAccessToken: () => {
        refreshes++
        return never()
      },
      fetch: async (input) => {
        sent.push(new URL(String(input instanceof Request ? input.url : input)).pathname)
        return new Response(JSON.stringify({ error: 'invalid_token' }), { status: 401 })
      },
    })
    const first = await hung(transport.createTicket(TICKET, { idempotencyKey: 'k1' }))
    expect(first).toBeInstanceOf(TimeoutError)
    expect((first as TimeoutError).sent).toBe(false)
    expect(sent).toEqual(['/api/v2/requests'])

    const second = await hung(transport.createTicket(TICKET, { idempotencyKey: 'k1' }))
    expect(second).toBeInstanceOf(TimeoutError)
    expect(refreshes).toBe(2)
  })
})
