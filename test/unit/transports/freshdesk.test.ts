import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  NotFoundError,
  RateLimitedError,
  RejectedError,
  ServerError,
  UnauthorizedError,
} from '../../../src/errors/index.js'
import { freshdeskTransport } from '../../../src/transports/freshdesk.js'
import type { TicketInput } from '../../../src/types.js'
import { defaultStatusMap, descriptionHtml, statusOf } from '../../../examples/server/freshdesk/mapping.js'
import { startServer, type RunningServer } from '../../../examples/server/server.js'
import { identityToken } from '../../support/identityToken.js'
import { createFreshdeskHandlers, FreshdeskState } from '../../msw/freshdesk.js'

const SECRET = 'fd-unit-secret'
const KEY = 'fd-test-key'
const msw = setupServer()
let state: FreshdeskState
let good: RunningServer
let byEmail: RunningServer
let wrongKey: RunningServer
const seen: string[] = []

beforeAll(async () => {
  msw.listen({
    onUnhandledRequest: (request, print) => void (new URL(request.url).hostname !== '127.0.0.1' && print.error()),
  })
  const fd = { domain: 'acme', customFields: { orderId: 'cf_order_id', category: 'cf_hf_category' } }
  good = await startServer({ port: 0, secret: SECRET, freshdesk: { ...fd, apiKey: KEY } })
  byEmail = await startServer({ port: 0, secret: SECRET, freshdesk: { ...fd, apiKey: KEY, requesterBy: 'email' } })
  wrongKey = await startServer({ port: 0, secret: SECRET, freshdesk: { ...fd, apiKey: 'stolen-or-stale' } })
})
afterAll(async () => {
  await Promise.all([good, byEmail, wrongKey].map((s) => s?.close()))
  msw.close()
})
beforeEach(() => {
  state = new FreshdeskState(KEY)
  msw.resetHandlers(...createFreshdeskHandlers(state))
  seen.length = 0
})

/** The browser side: records every byte the proxy sends back. */
function client(server: RunningServer, userId: string, email?: string) {
  const t = freshdeskTransport({
    baseUrl: `${server.url}/freshdesk`,
    getUserToken: () => identityToken(SECRET, { sub: userId, name: 'Ada <b>', ...(email ? { email } : {}) }),
    retries: 0,
    fetch: async (input, init) => {
      const res = await fetch(input, init)
      seen.push([...res.headers].join('\n'), await res.clone().text())
      return res
    },
  })
  return { t, ready: t.identify({ id: userId, name: 'Ada <b>', ...(email ? { email } : {}) }) }
}
const input = (over: Partial<TicketInput> = {}): TicketInput => ({
  category: 'duplicate_charge',
  subject: 'Charged twice',
  description: 'Twice <script>x</script>\n\nsee receipt',
  fields: { orderId: 'O-77' },
  attachments: [],
  priority: 'urgent',
  locale: 'en',
  ...over,
})

describe('freshdesk proxy', () => {
  it('calls Freshdesk with Basic apikey:X and never lets the key reach the browser', async () => {
    const { t, ready } = client(good, 'u-key')
    await ready
    await t.createTicket(input(), { idempotencyKey: 'k1' })
    await t.listTickets!()
    expect(new Set(state.requests.map((r) => r.auth))).toEqual(
      new Set([`Basic ${Buffer.from(`${KEY}:X`).toString('base64')}`]),
    )
    const leaked = seen.filter((s) => s.includes(KEY) || s.includes(Buffer.from(`${KEY}:X`).toString('base64')))
    expect(leaked).toEqual([])
  })

  it('creates with the app user as unique_external_id, custom fields, tags, priority and escaped HTML', async () => {
    const { t, ready } = client(good, 'u-create')
    await ready
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k1' })
    expect(ticket).toMatchObject({
      status: 'open',
      priority: 'urgent',
      category: 'duplicate_charge',
      subject: 'Charged twice',
    })
    const sent = state.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/tickets')?.body as Record<
      string,
      unknown
    >
    expect(sent).toMatchObject({
      unique_external_id: 'u-create',
      name: 'Ada <b>',
      status: 2,
      priority: 4,
      source: 2,
      tags: ['help-feedback', 'hf-duplicate_charge'],
      custom_fields: { cf_order_id: 'O-77', cf_hf_category: 'duplicate_charge' },
    })
    expect(sent.description).not.toContain('<script>')
    expect(String(sent.description)).toContain('&#60;script&#62;')
  })

  it('sends attachments as multipart and gives back the ids the app uploaded', async () => {
    const { t, ready } = client(good, 'u-files')
    await ready
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    )
    const ref = await t.uploadAttachment!(
      new Blob([png], { type: 'image/png' }),
      { name: 'receipt.png', type: 'image/png' },
      { idempotencyKey: 'u1' },
    )
    const ticket = await t.createTicket(input({ attachments: [ref] }), { idempotencyKey: 'k1' })
    const post = state.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/tickets')
    expect(post?.contentType).toMatch(/^multipart\/form-data/)
    expect((post?.body as Record<string, unknown>).custom_fields).toEqual({
      cf_order_id: 'O-77',
      cf_hf_category: 'duplicate_charge',
    })
    const detail = await t.getTicket!(ticket.id)
    expect(detail.attachments).toEqual([
      expect.objectContaining({ id: ref.id, name: 'receipt.png', size: png.byteLength }),
    ])
  })

  it('passes Freshdesk 429 + Retry-After through as a RateLimitedError', async () => {
    const { t, ready } = client(good, 'u-429')
    await ready
    await t.createTicket(input(), { idempotencyKey: 'k1' })
    state.throttle = { count: 1, retryAfter: 30 }
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000)
  })

  it('maps Freshdesk validation errors to field errors', async () => {
    const { t, ready } = client(byEmail, 'u-mail', 'not-an-email')
    await ready
    const error = await t.createTicket(input(), { idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([
      { field: 'email', code: 'rejected', message: 'It should be a valid email address' },
    ])
  })

  it('a wrong proxy key is a server fault, never the user’s UnauthorizedError', async () => {
    const { t, ready } = client(wrongKey, 'u-wrong')
    await ready
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect(error).not.toBeInstanceOf(UnauthorizedError)
  })

  it('refuses a bad user signature and hides other users’ tickets', async () => {
    const forged = freshdeskTransport({ baseUrl: `${good.url}/freshdesk`, getUserToken: async () => 'forged' })
    await expect(forged.identify({ id: 'u-victim' })).rejects.toBeInstanceOf(UnauthorizedError)
    const alice = client(good, 'u-alice')
    await alice.ready
    const ticket = await alice.t.createTicket(input(), { idempotencyKey: 'k1' })
    const bob = client(good, 'u-bob')
    await bob.ready
    await bob.t.createTicket(input(), { idempotencyKey: 'k2' })
    await expect(bob.t.getTicket!(ticket.id)).rejects.toBeInstanceOf(NotFoundError)
    expect((await bob.t.listTickets!()).map((x) => x.id)).not.toContain(ticket.id)
  })

  it('a comment is a public incoming note by the requester and reopens a resolved ticket', async () => {
    const { t, ready } = client(good, 'u-note')
    await ready
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k1' })
    state.setStatus(Number(ticket.id), 4)
    const comment = await t.addComment!(
      ticket.id,
      { body: 'Still charged twice', attachments: [] },
      { idempotencyKey: 'c1' },
    )
    const stored = state.tickets.get(Number(ticket.id))!
    expect(stored.conversations.at(-1)).toMatchObject({ incoming: true, private: false, user_id: stored.requester_id })
    expect(comment).toMatchObject({ author: 'user', body: 'Still charged twice' })
    expect(stored.status).toBe(2)
    state.agentReply(Number(ticket.id), 'Refund issued')
    const detail = await t.getTicket!(ticket.id)
    expect(detail.comments.map((c) => [c.author, c.body])).toEqual([
      ['user', 'Still charged twice'],
      ['agent', 'Refund issued'],
    ])
  })
})

describe('freshdesk mapping', () => {
  it('maps status codes, custom ones included, and unknown codes to open', () => {
    expect([2, 3, 4, 5, 6, 7, 42].map((c) => statusOf(c))).toEqual([
      'open',
      'pending',
      'solved',
      'closed',
      'pending',
      'on_hold',
      'open',
    ])
    expect(statusOf(8, { ...defaultStatusMap, 8: 'on_hold' })).toBe('on_hold')
  })

  it('renders the report for agents with the fields and the transaction', () => {
    const html = descriptionHtml(
      'a\nb',
      'topup_failed',
      { orderId: 'O-1' },
      { id: 'tx', time: 't', amount: '1.00', currency: 'CNY' },
    )
    expect(html).toBe(
      '<p>a<br>b</p><ul><li>category: topup_failed</li><li>orderId: O-1</li><li>transaction: tx · 1.00 CNY · t</li></ul>',
    )
  })
})
