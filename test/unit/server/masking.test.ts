/**
 * The reference server masks what it stores, whatever the client sent: a client that skips the
 * SDK and calls the API directly cannot put a card number, code or ID in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../../examples/server/server.js'
import { key, login, start, ticketInput, type UserClient } from './helpers.js'
import { rows } from '../../support/postgres.js'

const RAW = '4111 1111 1111 1111 cvv 123 验证码 384921'
const SECRETS = ['4111 1111 1111', '123', '384921', '411111111111']

let server: RunningServer
let user: UserClient
beforeAll(async () => {
  server = await start()
  user = await login(server, 'u_mask')
})
afterAll(async () => {
  await server.close()
})

/**
 * Every text column of every row of `table`, joined: what an attacker reading the database would
 * see. Ids and times are left out: generated ids carry clock digits and the test's idempotency keys
 * its process id, which may hold a secret's digits ('123') by chance.
 */
async function dump(table: string): Promise<string> {
  const stored = await rows<Record<string, unknown>>(server, `SELECT * FROM ${table}`)
  const kept = ([column, v]: [string, unknown]): boolean =>
    typeof v === 'string' && column !== 'id' && !/_(id|at)$/.test(column)
  return JSON.stringify(stored.map((r) => Object.fromEntries(Object.entries(r).filter(kept))))
}

function expectClean(stored: string): void {
  for (const s of SECRETS) expect(stored).not.toContain(s)
  expect(stored).toContain('************1111')
}

describe('server-side masking', () => {
  it('a ticket created straight through the API is stored masked, in every free-text field', async () => {
    const res = await user.post(
      '/v1/tickets',
      ticketInput({
        subject: `card ${RAW}`,
        description: RAW,
        fields: { note: RAW, orderId: 'T-1' },
        diagnostics: { log: RAW },
      }),
    )
    expect(res.status).toBe(201)
    const stored = await dump('tickets')
    expectClean(stored)
    // The ids a ticket needs stay.
    expect(stored).toContain('T-1')
  })

  it('comments, escalation reasons and ratings are stored masked', async () => {
    const created = (await (await user.post('/v1/tickets', ticketInput())).json()) as { id: string }
    expect((await user.post(`/v1/tickets/${created.id}/comments`, { body: RAW, attachments: [] })).status).toBe(201)
    await user.post(`/v1/tickets/${created.id}/escalate`, { reason: RAW })
    await user.post(`/v1/tickets/${created.id}/rating`, { score: 2, comment: RAW })
    expectClean(await dump('ticket_comments'))
    for (const s of SECRETS) expect(await dump('tickets')).not.toContain(s)
  })

  it('chat messages, the first message of a conversation and a chat rating are stored masked', async () => {
    const res = await user.post('/v1/conversations', { locale: 'en', text: RAW })
    const conv = (await res.json()) as { id: string }
    expect(
      (
        await user.post(`/v1/conversations/${conv.id}/messages`, {
          kind: 'text',
          text: `my code is 384921, ${RAW}`,
          attachments: [],
        })
      ).status,
    ).toBe(201)
    const stored = await dump('messages')
    expectClean(stored)
    expect(stored).toContain('my code is ******')
  })

  it('attachment file names are stored masked', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])
    const res = await fetch(`${server.url}/v1/attachments`, {
      method: 'POST',
      body: new Uint8Array(png),
      headers: user.headers({
        'Content-Type': 'image/png',
        'X-File-Name': encodeURIComponent('card 4111111111111111.png'),
        'Idempotency-Key': key(),
      }),
    })
    expect(res.status).toBe(201)
    const ref = (await res.json()) as { name: string }
    expect(ref.name).toBe('card ************1111.png')
    expect(await dump('attachments')).not.toContain('4111111111111111')
  })
})
