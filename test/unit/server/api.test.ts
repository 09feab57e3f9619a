import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import type { Conversation, Message, MessagePage, Ticket, TicketDetail } from '../../../src/types.js'
import { agentPost, key, login, openSse, start, ticketInput } from './helpers.js'

let server: RunningServer
beforeAll(async () => {
  server = await start()
})
afterAll(async () => {
  await server.close()
})

const errorOf = async (
  res: Response,
): Promise<{ code: string; message: string; fields?: Record<string, string>; retryAfterMs?: number }> => {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await res.json()) as { error: { code: string; message: string } }
  expect(typeof body.error.message).toBe('string')
  return body.error
}

describe('identify', () => {
  it('refuses a token minted for another user with 401 token_subject_mismatch', async () => {
    const res = await fetch(`${server.url}/v1/identify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'u_1', token: server.userToken('u_2') }),
    })
    expect(res.status).toBe(401)
    expect((await errorOf(res)).code).toBe('token_subject_mismatch')
  })

  it('issues a session whose bearer works and whose tampered form does not', async () => {
    const user = await login(server, 'u_session')
    expect((await user.get('/v1/tickets')).status).toBe(200)
    const tampered = await fetch(`${server.url}/v1/tickets`, {
      headers: { Authorization: `Bearer ${user.token.slice(0, -2)}xx` },
    })
    expect(tampered.status).toBe(401)
    expect((await errorOf(tampered)).code).toBe('unauthorized')
    expect((await fetch(`${server.url}/v1/tickets`)).status).toBe(401)
  })
})

describe('errors', () => {
  it('answers malformed JSON with 400 rejected in the shared shape', async () => {
    const user = await login(server)
    const res = await user.post('/v1/tickets', '{"subject": ')
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('rejected')
  })

  it('reports validation failures per field', async () => {
    const user = await login(server)
    const res = await user.post(
      '/v1/tickets',
      ticketInput({ subject: '', transaction: { id: 't', time: 'x', amount: '1.2.3', currency: 'cny' } }),
    )
    const err = await errorOf(res)
    expect(res.status).toBe(400)
    expect(Object.keys(err.fields ?? {})).toEqual(
      expect.arrayContaining(['subject', 'transaction.amount', 'transaction.currency']),
    )
  })

  it('uses not_found and method_not_allowed codes', async () => {
    const user = await login(server)
    const missing = await user.get('/v1/tickets/tk_nope')
    expect(missing.status).toBe(404)
    expect((await errorOf(missing)).code).toBe('not_found')
    const wrong = await fetch(`${server.url}/v1/availability`, { method: 'POST' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toContain('GET')
    expect((await errorOf(wrong)).code).toBe('method_not_allowed')
  })
})

describe('idempotency', () => {
  it('replays the first ticket for a repeated key and creates no duplicate', async () => {
    const user = await login(server, 'u_idem')
    const k = key()
    const first = await user.post('/v1/tickets', ticketInput(), k)
    const again = await user.post('/v1/tickets', ticketInput(), k)
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    const a = (await first.json()) as Ticket
    expect(await again.json()).toEqual(a)
    expect(a.reference).toMatch(/^HF-\d{6,}$/)
    const list = (await (await user.get('/v1/tickets')).json()) as Ticket[]
    expect(list.map((t) => t.id)).toEqual([a.id])
  })

  it('files one ticket for a key sent several times at once, and every answer and the event are that ticket', async () => {
    const user = await login(server, 'u_idem_burst')
    const stream = await openSse(`${server.url}/v1/events`, user.headers())
    const k = key()
    const answers = await Promise.all(Array.from({ length: 6 }, () => user.post('/v1/tickets', ticketInput(), k)))
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201))
    expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5)
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Ticket[]
    for (const b of bodies) expect(b).toEqual(bodies[0])
    const list = (await (await user.get('/v1/tickets')).json()) as Ticket[]
    expect(list).toEqual([bodies[0]])
    const events = await stream.until((ev) => ev.some((e) => (e.data as { type?: string }).type === 'ticket'))
    stream.close()
    expect(events.map((e) => e.data)).toEqual([{ type: 'ticket', ticket: bodies[0] }])
    const detail = (await (await user.get(`/v1/tickets/${bodies[0]!.id}`)).json()) as TicketDetail
    expect(detail.history.map((h) => h.status)).toEqual(['new'])
  })

  it('answers 422 idempotency_mismatch for the same key with another body', async () => {
    const user = await login(server, 'u_mismatch')
    const k = key()
    expect((await user.post('/v1/tickets', ticketInput(), k)).status).toBe(201)
    const res = await user.post('/v1/tickets', ticketInput({ subject: 'Something else' }), k)
    expect(res.status).toBe(422)
    expect((await errorOf(res)).code).toBe('idempotency_mismatch')
    expect(((await (await user.get('/v1/tickets')).json()) as Ticket[]).length).toBe(1)
  })

  it('requires the key on creates', async () => {
    const user = await login(server)
    const res = await user.post('/v1/tickets', ticketInput(), null)
    expect(res.status).toBe(400)
    expect((await errorOf(res)).fields).toHaveProperty('Idempotency-Key')
  })

  it('scopes keys per user', async () => {
    const [a, b] = [await login(server, 'u_scope_a'), await login(server, 'u_scope_b')]
    const k = key()
    const ta = (await (await a.post('/v1/tickets', ticketInput(), k)).json()) as Ticket
    const tb = (await (await b.post('/v1/tickets', ticketInput(), k)).json()) as Ticket
    expect(tb.id).not.toBe(ta.id)
  })

  it('echoes the key as clientId and does not resend a replayed message', async () => {
    const user = await login(server, 'u_chat_idem')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const k = key()
    const body = { kind: 'text', text: 'hello', attachments: [] }
    const m1 = (await (await user.post(`/v1/conversations/${conv.id}/messages`, body, k)).json()) as Message
    const m2 = (await (await user.post(`/v1/conversations/${conv.id}/messages`, body, k)).json()) as Message
    expect(m1.clientId).toBe(k)
    expect(m2).toEqual(m1)
    const page = (await (await user.get(`/v1/conversations/${conv.id}/messages`)).json()) as MessagePage
    expect(page.messages.map((m) => m.seq)).toEqual([1])
  })
})

describe('tickets and chat', () => {
  it('keeps other users away from a ticket', async () => {
    const owner = await login(server, 'u_owner')
    const other = await login(server, 'u_other')
    const t = (await (await owner.post('/v1/tickets', ticketInput())).json()) as Ticket
    expect((await other.get(`/v1/tickets/${t.id}`)).status).toBe(404)
  })

  it('refuses CSAT before the ticket is solved, accepts it after', async () => {
    const user = await login(server, 'u_csat')
    const t = (await (await user.post('/v1/tickets', ticketInput({ priority: 'urgent' }))).json()) as Ticket
    expect(t.expectedResponseHours).toBe(1)
    const early = await user.post(`/v1/tickets/${t.id}/rating`, { score: 5 })
    expect(early.status).toBe(409)
    expect((await errorOf(early)).code).toBe('conflict')
    expect((await agentPost(server, `/tickets/${t.id}/status`, { status: 'solved' })).status).toBe(200)
    expect((await user.post(`/v1/tickets/${t.id}/rating`, { score: 4, comment: 'ok' })).status).toBe(204)
    const detail = (await (await user.get(`/v1/tickets/${t.id}`)).json()) as TicketDetail
    expect(detail.rating).toEqual({ score: 4, comment: 'ok' })
  })

  it('queues a conversation until an agent replies, then pages messages by cursor', async () => {
    const user = await login(server, 'u_queue')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en', text: 'help' })).json()) as Conversation
    expect(conv.status).toBe('queued')
    expect(conv.queuePosition).toBeGreaterThanOrEqual(1)
    const reply = await agentPost(server, `/conversations/${conv.id}/messages`, {
      text: 'Hi, I am Lin',
      agentName: 'Lin',
    })
    expect(reply.status).toBe(201)
    const now = (await (await user.get(`/v1/conversations/${conv.id}`)).json()) as Conversation
    expect(now.status).toBe('active')
    expect(now.agent?.name).toBe('Lin')
    expect(now.queuePosition).toBeUndefined()
    const p1 = (await (await user.get(`/v1/conversations/${conv.id}/messages?limit=1`)).json()) as MessagePage
    expect(p1.messages.map((m) => m.text)).toEqual(['help'])
    expect(p1.hasMore).toBe(true)
    const p2 = (await (
      await user.get(`/v1/conversations/${conv.id}/messages?since=${p1.cursor}`)
    ).json()) as MessagePage
    // Joining is a system line before the agent's first message, with the agent's name.
    expect(p2.messages.map((m) => [m.seq, m.author, m.kind, m.text, m.authorName])).toEqual([
      [2, 'system', 'event', 'joined', 'Lin'],
      [3, 'agent', 'text', 'Hi, I am Lin', 'Lin'],
    ])
    expect(p2.hasMore).toBe(false)
    const p3 = (await (
      await user.get(`/v1/conversations/${conv.id}/messages?since=${p2.cursor}`)
    ).json()) as MessagePage
    expect(p3).toEqual({ messages: [], cursor: p2.cursor, hasMore: false })
  })

  it('numbers sends sent at once 1..n with no gap, streams them in that order, and keeps no key a 404 refused', async () => {
    const user = await login(server, 'u_burst')
    const stranger = await login(server, 'u_burst_stranger')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const stream = await openSse(`${server.url}/v1/events`, user.headers())
    const k = key()
    const refused = await stranger.post(
      `/v1/conversations/${conv.id}/messages`,
      { kind: 'text', text: 'x', attachments: [] },
      k,
    )
    expect(refused.status).toBe(404)
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        user.post(`/v1/conversations/${conv.id}/messages`, { kind: 'text', text: `m${i}`, attachments: [] }),
      ),
    )
    expect(sent.map((r) => r.status)).toEqual(Array(8).fill(201))
    const messages = (await Promise.all(sent.map((r) => r.json()))) as Message[]
    expect(messages.map((m) => m.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const events = await stream.until(
      (ev) => ev.filter((e) => (e.data as { type?: string }).type === 'message').length === 8,
    )
    stream.close()
    const streamed = events
      .filter((e) => (e.data as { type?: string }).type === 'message')
      .map((e) => e.data as { message: Message })
    expect(streamed.map((e) => e.message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    for (const e of streamed) expect(e.message).toEqual(messages.find((m) => m.seq === e.message.seq))
    // The stranger's refused key was not kept: it files their own ticket.
    expect((await stranger.post('/v1/tickets', ticketInput(), k)).status).toBe(201)
  })

  it('refuses messages on an ended conversation', async () => {
    const user = await login(server, 'u_end')
    const conv = (await (await user.post('/v1/conversations', { locale: 'en' })).json()) as Conversation
    const ended = (await (await user.post(`/v1/conversations/${conv.id}/end`, {})).json()) as Conversation
    expect(ended.status).toBe('ended')
    const res = await user.post(`/v1/conversations/${conv.id}/messages`, {
      kind: 'text',
      text: 'late',
      attachments: [],
    })
    expect(res.status).toBe(409)
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After once the bucket is empty', async () => {
    const tiny = await start({ rateLimit: { perMinute: 3 } })
    try {
      const user = await login(tiny, 'u_rate')
      const codes: number[] = []
      let last: Response | undefined
      for (let i = 0; i < 5; i++) {
        last = await user.get('/v1/tickets')
        codes.push(last.status)
      }
      expect(codes.slice(0, 2)).toEqual([200, 200])
      expect(codes.at(-1)).toBe(429)
      const res = last as Response
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      const err = await errorOf(res)
      expect(err.code).toBe('rate_limited')
      expect(err.retryAfterMs).toBeGreaterThan(0)
    } finally {
      await tiny.close()
    }
  })
})
