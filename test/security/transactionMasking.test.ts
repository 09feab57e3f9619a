import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { deployment, post, signIn, ticket, type User } from './helpers.js'

// A transaction's `time` and card `brand` are strings of up to 64 and 50 characters that the
// schema does not check further: a client calling the API directly can put a card number, an
// ID number or a code there. Masked like any other text, a real time or brand stays as it is.
const CARD = '4111 1111 1111 1111'
const CN_ID = '110101199003074477'
const SECRETS = ['4111 1111 1111', '4111111111111111', CN_ID, '384921', ' 123']

let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'txn-mask')
})
afterAll(() => server?.close())

const txn = (time: string, brand: string): Record<string, unknown> => ({
  id: 'T-100',
  time,
  amount: '12.50',
  currency: 'CNY',
  method: { brand, last4: '1111' },
})

/** Every stored text that can hold a transaction: tickets, messages, events, idempotency records. */
function stored(): string {
  const texts: string[] = []
  for (const sql of [
    'SELECT txn AS t FROM tickets',
    'SELECT txn AS t FROM messages',
    'SELECT data AS t FROM events',
    'SELECT body AS t FROM idempotency',
  ])
    for (const row of server.db.prepare<{ t: string | null }>(sql).all()) if (row.t) texts.push(row.t)
  return texts.join('\n')
}

describe('secrets in a transaction time or card brand', () => {
  it('are masked in a ticket (the one-step create and the transaction) and in chat', async () => {
    const bodies = [txn(CARD, `Visa ${CN_ID}`), txn(`cvv 123 验证码 384921`, CARD)]
    for (const transaction of bodies)
      expect((await post(server, '/v1/tickets', user, ticket({ transaction }))).status).toBe(201)
    // zod's path (an unknown key makes plainTicket hand the body over) writes the same columns.
    expect((await post(server, '/v1/tickets', user, ticket({ transaction: bodies[0], extra: 1 }))).status).toBe(201)
    const conv = await post(server, '/v1/conversations', user, { locale: 'en', transaction: bodies[1] })
    expect(conv.status).toBe(201)
    const { id } = (await conv.json()) as { id: string }
    const msg = { kind: 'transaction', text: '', attachments: [], transaction: bodies[0] }
    expect((await post(server, `/v1/conversations/${id}/messages`, user, msg)).status).toBe(201)

    const text = stored()
    for (const s of SECRETS) expect(text).not.toContain(s)
    expect(text).toContain('************1111')
  })

  it('keeps a real time and brand as they were sent', async () => {
    const time = '2026-11-23T09:30:00+08:00'
    const res = await post(server, '/v1/tickets', user, ticket({ transaction: txn(time, 'UnionPay') }))
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const row = server.db.prepare<{ txn: string }>('SELECT txn FROM tickets WHERE id = ?').get(id)
    expect(JSON.parse(row?.txn ?? 'null')).toEqual(txn(time, 'UnionPay'))
  })
})
