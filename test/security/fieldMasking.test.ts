import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { AGENT_KEY, deployment, post, signIn, ticket, type User } from './helpers.js'

// A ticket's `fields` and `diagnostics` are maps the client fills: a value may be a JSON number,
// and its key may say what it is. A card number sent as a number, or a code, CVV, PIN or
// password under a key naming it, must not be stored as sent.
let server: RunningServer
let user: User
beforeAll(async () => {
  server = await deployment()
  user = await signIn(server, 'field-mask')
})
afterAll(() => server?.close())

const storedOf = (id: string): { fields: Record<string, unknown>; diagnostics: Record<string, unknown> } => {
  const row = server.db
    .prepare<{ fields: string; diagnostics: string }>('SELECT fields, diagnostics FROM tickets WHERE id = ?')
    .get(id)
  return { fields: JSON.parse(row?.fields ?? '{}'), diagnostics: JSON.parse(row?.diagnostics ?? '{}') }
}

async function create(fields: Record<string, unknown>, diagnostics: Record<string, unknown>): Promise<string> {
  const res = await post(server, '/v1/tickets', user, ticket({ fields, diagnostics }))
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

describe('secrets in a ticket’s field maps', () => {
  it('are masked when sent as numbers or under a key that names them', async () => {
    const id = await create(
      {
        card: 4111111111111111,
        cvv: 123,
        'verification code': '384921',
        password: 'hunter2',
        PIN: '1234',
        短信验证码: 384921,
      },
      { cardOnFile: 5555555555554444, otp: '384921' },
    )
    const text = JSON.stringify(storedOf(id))
    for (const secret of ['4111111111111111', '123', '384921', 'hunter2', '1234', '5555555555554444'])
      expect(text).not.toContain(secret)
    expect(storedOf(id).fields.card).toBe('************1111')
  })

  it('keeps ordinary values, numbers as numbers', async () => {
    const fields = { orderId: 'T-1', count: 3, amount: 128.5, 'error code': '1001', ok: true, none: null, step: 2 }
    const id = await create(fields, { app: '1.2.3', build: 4521, 'retry code': 'E-1001' })
    expect(storedOf(id)).toEqual({ fields, diagnostics: { app: '1.2.3', build: 4521, 'retry code': 'E-1001' } })
  })
})

// A JSON number past 2^53 reaches the server rounded (`440524188001010014` parses as
// 440524188001010000): no checksum can tell a resident ID or a 19-digit card from it any more,
// yet its first 15 or so digits are the client's. Such a number is stored masked whole.
describe('integers too large for a double in a ticket’s field maps', () => {
  it('are masked whole: an 18-digit ID, a 19-digit card, negative and exponent forms', async () => {
    const body = JSON.stringify(ticket()).replace(
      '"fields":{}',
      '"fields":{"id":440524188001010014,"card":6212345678901234567,"neg":-440524188001010014,"big":4.40524188001010014e17},' +
        '"diagnostics":{"cn":34052419800101001.5e1}',
    )
    const res = await post(server, '/v1/tickets', user, body)
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    const s = storedOf(id)
    const text = JSON.stringify(s)
    for (const digits of ['440524188001', '621234567890', '340524198001']) expect(text).not.toContain(digits)
    expect(s.fields.id).toBe('*'.repeat(18))
    expect(s.fields.card).toBe('*'.repeat(19))
    expect(s.fields.neg).toBe('-' + '*'.repeat(18))
    expect(s.fields.big).toBe('*'.repeat(18))
    expect(s.diagnostics.cn).toBe('*'.repeat(18))
    // What the agent reads is what was stored.
    const agent = await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: { 'X-Agent-Key': AGENT_KEY } })
    expect(agent.status).toBe(200)
    const shown = await agent.text()
    expect(shown).toContain('"id":"******************"')
    for (const digits of ['440524188001', '621234567890', '340524198001']) expect(shown).not.toContain(digits)
  })

  it('keeps the largest safe integers and ordinary large floats as numbers', async () => {
    const fields = { max: Number.MAX_SAFE_INTEGER, min: Number.MIN_SAFE_INTEGER, bytes: 123456789012, ratio: 0.125 }
    const id = await create(fields, { heap: 4294967296 })
    expect(storedOf(id)).toEqual({ fields, diagnostics: { heap: 4294967296 } })
  })
})
