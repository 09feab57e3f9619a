import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ConfigError,
  OfflineError,
  RateLimitedError,
  RejectedError,
  ServerError,
  UnauthorizedError,
  UnsupportedError,
} from '../../../src/errors/index.js'
import type { TicketInput } from '../../../src/types.js'
import { composeReport, parseReport, refOf } from '../../../src/transports/vendorKit.js'
import { zendeskTransport } from '../../../src/transports/zendesk.js'
import { htmlToMarkdown, toHit } from '../../../src/transports/zendeskMap.js'
import { createZendeskHandlers, ZendeskState } from '../../msw/zendesk.js'

const BASE = 'https://acme.zendesk.com'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
afterEach(() => void vi.unstubAllGlobals())

const input = (over: Partial<TicketInput> = {}): TicketInput => ({
  category: 'topup_failed',
  subject: 'Top-up failed',
  description: 'Paid 20 EUR,\nbalance unchanged',
  fields: { orderId: 'T-1' },
  transaction: {
    id: 'tx_9',
    time: '2026-11-20T07:00:00Z',
    amount: '20.00',
    currency: 'EUR',
    status: 'failed',
    method: { brand: 'VISA', last4: '4242' },
  },
  attachments: [],
  priority: 'high',
  locale: 'en',
  ...over,
})
const bodies: Array<{ method: string; path: string; body: unknown; auth: string | null }> = []
let state: ZendeskState
let token: string

beforeEach(() => {
  state = new ZendeskState([
    {
      id: 5,
      locale: 'en-us',
      title: 'Refund timing',
      body: '<h2>When</h2><p>Refunds take <b>3&nbsp;days</b>.</p><ul><li>Card</li><li>Wallet</li></ul>',
      label_names: ['refund'],
    },
    { id: 6, locale: 'en-us', title: 'Old draft', body: '<p>x</p>', label_names: [], draft: true },
  ])
  token = state.issueToken('Ada Wallet', 'ada@example.org').token
  server.resetHandlers(...createZendeskHandlers(state))
  bodies.length = 0
  server.events.removeAllListeners()
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    if (request.method === 'GET' || url.pathname.includes('/uploads')) return
    void request
      .clone()
      .json()
      .then((body) =>
        bodies.push({ method: request.method, path: url.pathname, body, auth: request.headers.get('Authorization') }),
      )
  })
})

describe('zendesk anonymous mode', () => {
  it('creates a request as requester {name, email} without credentials and offers nothing else', async () => {
    const t = zendeskTransport({ subdomain: 'acme' })
    await t.identify({ id: 'u1', name: 'Ada', email: 'ada@example.org' })
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k-anon' })
    expect(ticket).toMatchObject({
      subject: 'Top-up failed',
      category: 'topup_failed',
      priority: 'high',
      status: 'new',
      reference: `#${ticket.id}`,
    })
    const sent = bodies.find((b) => b.path === '/api/v2/requests')
    expect(sent?.auth).toBeNull()
    expect(sent?.body).toMatchObject({
      request: { requester: { name: 'Ada', email: 'ada@example.org' }, subject: 'Top-up failed', priority: 'high' },
    })
    expect((sent?.body as { request: { comment: { body: string } } }).request.comment.body).toContain(
      `ref: ${refOf('k-anon')}`,
    )
    expect(t.listTickets).toBeUndefined()
    expect(t.getTicket).toBeUndefined()
    expect(t.capabilities).toMatchObject({
      attachments: false,
      csat: false,
      chat: false,
      realtime: false,
      idempotency: false,
    })
  })

  it('refuses to create without an email, before any request', async () => {
    const t = zendeskTransport({ subdomain: 'acme' })
    await t.identify({ id: 'u1', name: 'Ada' })
    const error = await t.createTicket(input(), { idempotencyKey: 'k' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([{ field: 'email', code: 'required' }])
    expect(state.calls).toEqual([])
  })

  it('rejects a bad subdomain as a ConfigError', () => {
    expect(() => zendeskTransport({ subdomain: 'acme.evil.com/x' })).toThrow(ConfigError)
  })
})

describe('zendesk with an end-user OAuth token', () => {
  const authed = (over: Parameters<typeof zendeskTransport>[0] = { subdomain: 'acme' }) =>
    zendeskTransport({ getAccessToken: () => token, ...over })

  it('maps Zendesk validation details to field errors', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    const error = await t.createTicket(input({ subject: ' ' }), { idempotencyKey: 'k' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RejectedError)
    expect((error as RejectedError).fieldErrors).toEqual([
      { field: 'subject', code: 'BlankValue', message: 'Subject: cannot be blank' },
    ])
  })

  it('a token Zendesk refuses is an UnauthorizedError at identify', async () => {
    const t = zendeskTransport({ subdomain: 'acme', getAccessToken: () => 'zat_forged' })
    await expect(t.identify({ id: 'u1' })).rejects.toBeInstanceOf(UnauthorizedError)
  })

  it('429 with a long Retry-After fails at once with retryAfterMs', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    state.throttle = { count: 5, retryAfter: 30 }
    state.calls.length = 0
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(30_000)
    expect(state.calls).toHaveLength(1)
  })

  it('429 with Retry-After 0 on a read is waited out and retried', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    state.throttle = { count: 1, retryAfter: 0 }
    state.calls.length = 0
    expect(await t.listTickets!()).toEqual([])
    expect(state.calls).toHaveLength(2)
  })

  it('an opaque failure (CORS-less 429/403) backs off instead of retrying hot', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    state.opaque = 3
    state.calls.length = 0
    const error = await t.listTickets!().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitedError)
    expect((error as RateLimitedError).retryAfterMs).toBe(60_000)
    expect(state.calls).toHaveLength(1)
  })

  it('with the back-off disabled, or the device offline, it is an OfflineError', async () => {
    const t = authed({ subdomain: 'acme', opaqueBackoffMs: 0, retries: 0 })
    await t.identify({ id: 'u1' })
    state.opaque = 1
    await expect(t.listTickets!()).rejects.toBeInstanceOf(OfflineError)
    vi.stubGlobal('navigator', { onLine: false })
    state.opaque = 1
    await expect(authed().listTickets!()).rejects.toBeInstanceOf(OfflineError)
  })

  it('never retries a create or a comment inline (no idempotency on Requests)', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    let posts = 0
    server.use(
      http.post(`${BASE}/api/v2/requests`, () => (posts++, HttpResponse.json({ error: 'Boom' }, { status: 503 }))),
    )
    await expect(t.createTicket(input(), { idempotencyKey: 'k' })).rejects.toBeInstanceOf(ServerError)
    expect(posts).toBe(1)
    let puts = 0
    server.use(
      http.put(`${BASE}/api/v2/requests/:id`, () => (puts++, HttpResponse.json({ error: 'Boom' }, { status: 503 }))),
    )
    await expect(
      t.addComment!('123', { body: 'hi', attachments: [] }, { idempotencyKey: 'k2' }),
    ).rejects.toBeInstanceOf(ServerError)
    expect(puts).toBe(1)
  })

  it('writes configured custom fields and findWrite matches the nonce', async () => {
    const t = authed({
      subdomain: 'acme',
      customFields: { nonce: 9001, category: 9002, orderId: 9003 },
      ticketFormId: 77,
    })
    await t.identify({ id: 'u1' })
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k-nonce' })
    expect(bodies.find((b) => JSON.stringify(b.body).includes('k-nonce'))?.body).toMatchObject({
      request: {
        ticket_form_id: 77,
        custom_fields: [
          { id: 9001, value: refOf('k-nonce') },
          { id: 9002, value: 'topup_failed' },
          { id: 9003, value: 'T-1' },
        ],
      },
    })
    // Matched by the custom field alone, even when an agent edited the description away.
    state.requests.get(Number(ticket.id))!.description = 'edited'
    expect((await t.findWrite({ kind: 'ticket' }, 'k-nonce'))?.id).toBe(ticket.id)
    expect(await t.findWrite({ kind: 'ticket' }, 'k-other')).toBeUndefined()
  })

  it('uploads raw bytes, then attaches the token on create; an unknown ref fails before sending', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    const ref = await t.uploadAttachment!(
      new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
      { name: 'r.png', type: 'image/png' },
      { idempotencyKey: 'k' },
    )
    expect(ref).toMatchObject({ name: 'r.png', type: 'image/png', size: 3 })
    await t.createTicket(input({ attachments: [ref] }), { idempotencyKey: 'k2' })
    expect(
      (
        bodies.find((b) => JSON.stringify(b.body).includes('ref: hf_k2'))?.body as {
          request: { comment: { uploads: string[] } }
        }
      ).request.comment.uploads,
    ).toEqual([`up_${ref.id}`])
    const before = state.calls.length
    const error = await t
      .createTicket(input({ attachments: [{ ...ref, id: '999' }] }), { idempotencyKey: 'k3' })
      .catch((e: unknown) => e)
    expect((error as RejectedError).fieldErrors).toEqual([{ field: 'attachments.0', code: 'expired' }])
    expect(state.calls.length).toBe(before)
  })

  it('shows agent comments as the agent and maps hold to on_hold', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k' })
    state.agentComment(Number(ticket.id), 'We are on it')
    state.setStatus(Number(ticket.id), 'on_hold')
    const detail = await t.getTicket!(ticket.id)
    expect(detail.status).toBe('on_hold')
    expect(detail.description).toBe('Paid 20 EUR,\nbalance unchanged')
    expect(detail.transaction).toEqual(input().transaction)
    expect(detail.comments).toEqual([
      expect.objectContaining({ author: 'agent', authorName: 'Agent Smith', body: 'We are on it' }),
    ])
    expect(detail.history.map((h) => h.status)).toEqual(['new', 'on_hold'])
  })

  it('rates 4–5 as good and 1–3 as bad, only once solved, never conversations', async () => {
    const t = authed()
    await t.identify({ id: 'u1' })
    const ticket = await t.createTicket(input(), { idempotencyKey: 'k' })
    await expect(
      t.rate!({ kind: 'ticket', id: ticket.id }, 5, undefined, { idempotencyKey: 'r0' }),
    ).rejects.toBeInstanceOf(RejectedError)
    state.setStatus(Number(ticket.id), 'solved')
    await t.rate!({ kind: 'ticket', id: ticket.id }, 4, 'fast', { idempotencyKey: 'r1' })
    expect(state.requests.get(Number(ticket.id))?.rating).toEqual({ score: 'good', comment: 'fast' })
    await t.rate!({ kind: 'ticket', id: ticket.id }, 3, undefined, { idempotencyKey: 'r2' })
    expect(state.requests.get(Number(ticket.id))?.rating).toEqual({ score: 'bad' })
    await expect(
      t.rate!({ kind: 'conversation', id: '1' }, 5, undefined, { idempotencyKey: 'r3' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('lists Help Center articles of the mapped locale as Markdown, drafts left out', async () => {
    const t = authed()
    const articles = await t.listArticles!({ locale: 'en' })
    expect(articles.map((a) => a.id)).toEqual(['5'])
    expect(articles[0]).toMatchObject({ locale: 'en', category: '7', tags: ['refund'], popularity: 2 })
    expect(articles[0]?.body).toBe('## When\n\nRefunds take **3 days**.\n\n- Card\n- Wallet')
    const hits = await t.searchArticles!('take', { locale: 'en', limit: 5 })
    expect(hits[0]?.snippet.slice(...(hits[0]?.highlights[0] ?? [0, 0]))).toBe('take')
  })
})

describe('zendesk mapping', () => {
  it('turns <em> snippets into highlight offsets over decoded text', () => {
    const hit = toHit({ id: 1, title: 'x', snippet: 'Cash &amp; <em>top-up</em> and <em>refund</em>' }, 0)
    expect(hit.snippet).toBe('Cash & top-up and refund')
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(['top-up', 'refund'])
  })

  it('keeps links and drops scripts and unknown tags', () => {
    expect(
      htmlToMarkdown('<p>See <a href="https://x.test/a">the guide</a><script>alert(1)</script><span>!</span></p>'),
    ).toBe('See [the guide](https://x.test/a)!')
  })
})

describe('report block (vendorKit)', () => {
  it('round-trips text, category, fields, transaction and the nonce', () => {
    const i = input({ fields: { orderId: 'T-1', note: 'two\nlines' }, diagnostics: { app: '1.2' } })
    const text = composeReport('My words\n\nwith -- help-feedback -- inside', i, 'key-1')
    const parsed = parseReport(text)
    expect(parsed).toEqual({
      text: 'My words\n\nwith -- help-feedback -- inside',
      category: 'topup_failed',
      priority: 'high',
      locale: 'en',
      fields: { orderId: 'T-1', note: 'two lines' },
      transaction: i.transaction,
      ref: 'key-1',
    })
  })

  it('text without a block is just text', () => {
    expect(parseReport('  hello  ')).toEqual({ text: 'hello', fields: {} })
  })
})
