import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../examples/server/server.js'
import { deployment, post, signIn, ticket, type User } from './helpers.js'

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
