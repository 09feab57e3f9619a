/**
 * Zendesk sends reads and writes through two HTTP clients (writes never retry inline). Each kept
 * its own refresh in flight: a read and a write answered 401 together asked the host's
 * `refreshAccessToken` twice (two token rotations racing, the first token revoked by the
 * second). All of a transport's requests share one refresh in flight; once it has settled (or
 * timed out, see break54/refreshHangs), the next 401 asks again.
 */
import { describe, expect, it } from 'vitest'
import { zendeskTransport } from '../../../src/transports/zendesk.js'

const TICKET = { category: 'other', subject: 's', description: 'd', fields: {}, attachments: [] } as never
const REQUEST = {
  id: 7,
  subject: 's',
  description: 'd',
  status: 'new',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

function zendesk() {
  let token = 'old'
  let refreshes = 0
  let sent401 = 0
  const pending: Array<() => void> = []
  let both: () => void = () => {}
  const twoRefused = new Promise<void>((r) => (both = r))
  const transport = zendeskTransport({
    subdomain: 'acme',
    timeoutMs: 2000,
    getAccessToken: () => token,
    refreshAccessToken: async () => {
      refreshes++
      // The host rotates the token once both requests have been refused.
      await new Promise<void>((r) => pending.push(r))
      token = `new${refreshes}`
    },
    fetch: async (input, init) => {
      const auth = new Headers(init?.headers).get('Authorization')
      if (auth === 'Bearer old') {
        if (++sent401 === 2) both()
        return new Response(JSON.stringify({ error: 'invalid_token' }), { status: 401 })
      }
      const path = new URL(String(input instanceof Request ? input.url : input)).pathname
      const body =
        path === '/api/v2/requests' && init?.method === 'POST'
          ? { request: REQUEST }
          : { requests: [REQUEST], next_page: null }
      return new Response(JSON.stringify(body), {
        status: path === '/api/v2/requests' && init?.method === 'POST' ? 201 : 200,
        headers: { 'Content-Type': 'application/json' },
      })
    },
  })
  return {
    transport,
    refreshes: () => refreshes,
    token: () => token,
    twoRefused,
    release: () => pending.splice(0).forEach((r) => r()),
    reset: () => {
      token = 'old'
      sent401 = 0
    },
  }
}

describe('a read and a write answered 401 at the same time', () => {
  it('ask the host for one refresh, and both succeed with the new token', async () => {
    const z = zendesk()
    const read = z.transport.listTickets!()
    const write = z.transport.createTicket(TICKET, { idempotencyKey: 'k1' })
    await z.twoRefused
    // Let both clients reach their refresh before the host answers.
    await new Promise((r) => setTimeout(r, 20))
    z.release()
    await expect(read).resolves.toHaveLength(1)
    await expect(write).resolves.toMatchObject({ id: '7' })
    expect(z.refreshes()).toBe(1)
    expect(z.token()).toBe('new1')
  })

  it('a later 401 asks the host again', async () => {
    const z = zendesk()
    const first = z.transport.listTickets!()
    await new Promise((r) => setTimeout(r, 20))
    z.release()
    await first
    z.reset()
    const write = z.transport.createTicket(TICKET, { idempotencyKey: 'k2' })
    await new Promise((r) => setTimeout(r, 20))
    z.release()
    await expect(write).resolves.toMatchObject({ id: '7' })
    expect(z.refreshes()).toBe(2)
  })
})
