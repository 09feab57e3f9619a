import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../../examples/server/server.js'
import { login, ticketInput, type UserClient } from './helpers.js'

/*
 * On SQLite a ticket create and a chat send without attachments run as one synchronous step of
 * the group commit (SqliteStore.createTicketOnce / sendMessageOnce) instead of the route's handler
 * in a transaction. The same requests against a server whose store has no such step must get the
 * same answers and leave the same rows, once generated ids and times are masked.
 */

const TICKETS_PER_HOUR = 3

async function boot(oneStep: boolean): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    dbPath: ':memory:',
    secret: 'test-secret',
    agentKey: 'demo-agent',
    hours: null,
    limits: { ticketsPerHour: TICKETS_PER_HOUR, openConversationsPerUser: 1 },
    rateLimit: { perMinute: 100_000 },
  })
  expect(typeof server.store.createTicketOnce).toBe('function')
  expect(typeof server.store.sendMessageOnce).toBe('function')
  if (!oneStep) Object.assign(server.store, { createTicketOnce: undefined, sendMessageOnce: undefined })
  return server
}

const MASK = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z|(tk|cv|msg|cm)_[A-Za-z0-9_-]+)$/
const masked = (text: string): string =>
  JSON.stringify(
    JSON.parse(text === '' ? '""' : text, (k, v: unknown) =>
      (typeof v === 'string' && MASK.test(v)) || (k === 'retryAfterMs' && typeof v === 'number' && v > 0) ? '<m>' : v,
    ),
  )

interface Answer {
  status: number
  replayed: string | null
  retryAfter: boolean
  body: string
}
const answer = async (res: Response): Promise<Answer> => ({
  status: res.status,
  replayed: res.headers.get('idempotent-replayed'),
  retryAfter: res.headers.has('retry-after'),
  body: masked(await res.text()),
})

let oneStep: RunningServer
let inTx: RunningServer
let seq = 0
async function users(): Promise<[UserClient, UserClient]> {
  const id = `u_once_${++seq}`
  return [await login(oneStep, id), await login(inTx, id)]
}
/** Rows with generated ids and times masked, also inside stored JSON (event data, recorded bodies). */
const rows = (s: RunningServer, sql: string, ...params: unknown[]): unknown[] =>
  s.db
    .prepare<Record<string, unknown>>(sql)
    .all(...params)
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^[[{]/.test(v) ? masked(v) : v]),
      ),
    )
    .map((r) => JSON.parse(masked(JSON.stringify(r))) as unknown)

describe('SQLite: one-step ticket create and chat send answer as the handler in a transaction', () => {
  beforeAll(async () => {
    oneStep = await boot(true)
    inTx = await boot(false)
  })
  afterAll(async () => {
    await Promise.all([oneStep?.close(), inTx?.close()])
  })

  it('ticket create: 201, replay, 422 mismatch, 400, quota 429; same rows, history and events', async () => {
    const [a, b] = await users()
    const t = ticketInput()
    const steps: Array<[unknown, string]> = [
      [t, 'k-1'],
      [t, 'k-1'],
      [ticketInput({ subject: 'other' }), 'k-1'],
      [ticketInput({ subject: '' }), 'k-bad'],
      [ticketInput({ subject: 'card 4111 1111 1111 1111 code 123456' }), 'k-2'],
      [t, 'k-3'],
      [t, 'k-4'], // over the quota
      [t, 'k-3'], // replay once over the quota
    ]
    for (const [body, key] of steps) {
      const x = await answer(await a.post('/v1/tickets', body, key))
      const y = await answer(await b.post('/v1/tickets', body, key))
      expect(x, key).toEqual(y)
    }
    const q = [
      [
        'SELECT n, user_id, status, priority, category, subject, description, fields, txn, attachments, locale FROM tickets WHERE user_id = ? ORDER BY n',
      ],
      [
        'SELECT h.status, h.note FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id WHERE t.user_id = ? ORDER BY h.n',
      ],
      ['SELECT audience, data FROM events WHERE user_id = ? ORDER BY id'],
      ['SELECT key, fingerprint, status, body FROM idempotency WHERE scope = ? ORDER BY key'],
    ] as const
    for (const [sql] of q) expect(rows(oneStep, sql, a.userId), sql).toEqual(rows(inTx, sql, b.userId))
    expect(rows(oneStep, q[0][0], a.userId)).toHaveLength(TICKETS_PER_HOUR)
  })

  it('chat send: 201, replay, 422 mismatch, 400, 404 (missing, another user), 409 ended; same rows and events', async () => {
    const [a, b] = await users()
    const [oa, ob] = await users()
    const conv = async (u: UserClient, key: string): Promise<string> =>
      ((await (await u.post('/v1/conversations', { locale: 'en' }, key)).json()) as { id: string }).id
    const ids = [await conv(a, 'c-1'), await conv(b, 'c-1')]
    const others = [await conv(oa, 'c-o'), await conv(ob, 'c-o')]
    const msg = (text: string): unknown => ({ kind: 'text', text, attachments: [] })
    const steps: Array<[(i: 0 | 1) => string, unknown, string]> = [
      [(i) => `/v1/conversations/${ids[i]}/messages`, msg('hi 🙂 my card is 4111111111111111'), 'm-1'],
      [(i) => `/v1/conversations/${ids[i]}/messages`, msg('hi 🙂 my card is 4111111111111111'), 'm-1'],
      [(i) => `/v1/conversations/${ids[i]}/messages`, msg('changed'), 'm-1'],
      [(i) => `/v1/conversations/${ids[i]}/messages`, msg('  '), 'm-blank'],
      [(i) => `/v1/conversations/${ids[i]}/messages`, msg('second'), 'm-2'],
      [() => '/v1/conversations/cv_nope/messages', msg('hi'), 'm-missing'],
      [(i) => `/v1/conversations/${others[i]}/messages`, msg('hi'), 'm-theirs'],
    ]
    const run = async (): Promise<void> => {
      for (const [path, body, key] of steps) {
        const x = await answer(await a.post(path(0), body, key))
        const y = await answer(await b.post(path(1), body, key))
        expect(x, key).toEqual(y)
      }
    }
    await run()
    for (const [u, i] of [
      [a, 0],
      [b, 1],
    ] as const)
      expect((await u.post(`/v1/conversations/${ids[i]}/end`, {}, 'e-1')).status).toBe(200)
    steps.push([(i) => `/v1/conversations/${ids[i]}/messages`, msg('after end'), 'm-ended'])
    await run()
    const q = [
      'SELECT seq, client_id, author, kind, text, attachments, txn FROM messages WHERE conversation_id = ? ORDER BY seq',
      'SELECT last_seq, status FROM conversations WHERE id = ?',
    ]
    for (const sql of q) expect(rows(oneStep, sql, ids[0]), sql).toEqual(rows(inTx, sql, ids[1]))
    const ev = 'SELECT audience, data FROM events WHERE user_id = ? ORDER BY id'
    expect(rows(oneStep, ev, a.userId)).toEqual(rows(inTx, ev, b.userId))
    // The fingerprints differ here: they cover the path, which holds each server's conversation id.
    const idem = 'SELECT key, status, body FROM idempotency WHERE scope = ? ORDER BY key'
    expect(rows(oneStep, idem, a.userId)).toEqual(rows(inTx, idem, b.userId))
  })
})
