/**
 * The hand-checked ticket body (plainTicket) against zod's ticketSchema: whenever it accepts a
 * body, zod accepts it too and gives the same output, key order included (the transaction is
 * stored as its JSON text); whatever it leaves to zod, zod still answers.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { plainTicket, ticketSchema } from '../../../examples/server/schemas.js'
import { TICKET_BODY } from '../../../bench/server/load.js'
import { agreesWithZod } from './agreesWithZod.js'

const same = agreesWithZod

const base = {
  category: 'topup_failed',
  subject: '  Top-up failed ',
  description: 'The top-up was charged but the balance did not change.',
  fields: { walletId: 'W-1', n: 3, ok: true, none: null },
  attachments: [],
  priority: 'urgent',
  locale: 'zh-TW',
}

describe('plainTicket', () => {
  it('takes the common bodies, with the output zod gives', () => {
    expect(same(JSON.parse(TICKET_BODY))).toBe(true)
    expect(same(base)).toBe(true)
    const full = {
      // Unknown keys are dropped, and the output follows the schema's key order, not the body's.
      extra: 1,
      diagnostics: { app: '1.2.3', 'a b': -0.5 },
      transaction: {
        kind: 'topup',
        method: { last4: '4242', brand: 'Visa', extra: true },
        status: 'failed',
        counterparty: 'Shop',
        currency: 'CNY',
        amount: '-12.50',
        time: '2026-01-01T00:00:00Z',
        id: 'tx-1',
      },
      ...base,
    }
    expect(same(full)).toBe(true)
    expect(Object.keys(plainTicket(full)!.transaction!)).toEqual([
      'id',
      'time',
      'amount',
      'currency',
      'counterparty',
      'status',
      'method',
      'kind',
    ])
  })

  it('leaves everything else to zod', () => {
    const refused = [
      { ...base, attachments: [{ id: 'at_1' }] },
      { ...base, subject: '   ' },
      { ...base, subject: 'x'.repeat(201) },
      { ...base, category: 'nope' },
      { ...base, fields: JSON.parse('{"__proto__":"x"}') as unknown },
      { ...base, fields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
      { ...base, fields: { ['k'.repeat(101)]: 1 } },
      { ...base, fields: { a: 'x'.repeat(2001) } },
      { ...base, fields: { a: [] } },
      { ...base, transaction: { id: 'tx', time: 't', amount: '1.123456789', currency: 'CNY' } },
      { ...base, transaction: { id: 'tx', time: 't', amount: '1', currency: 'cny' } },
      {
        ...base,
        transaction: { id: 'tx', time: 't', amount: '1', currency: 'CNY', method: { brand: 'V', last4: '42' } },
      },
      { ...base, locale: 'e' },
      [],
      null,
    ]
    for (const body of refused) expect(plainTicket(body), JSON.stringify(body)).toBeUndefined()
  })

  it('draws every length limit where zod does', () => {
    const txn = { id: 'tx', time: 't', amount: '1', currency: 'CNY' }
    const at = (n: number) => 'x'.repeat(n)
    const limits: Array<[number, (s: string) => unknown]> = [
      [200, (s) => ({ ...base, subject: s })],
      [10_000, (s) => ({ ...base, description: s })],
      [35, (s) => ({ ...base, locale: s })],
      [100, (s) => ({ ...base, fields: { [s]: 1 } })],
      [2000, (s) => ({ ...base, diagnostics: { k: s } })],
      [200, (s) => ({ ...base, transaction: { ...txn, id: s } })],
      [64, (s) => ({ ...base, transaction: { ...txn, time: s } })],
      [200, (s) => ({ ...base, transaction: { ...txn, counterparty: s } })],
      [50, (s) => ({ ...base, transaction: { ...txn, kind: s } })],
      [50, (s) => ({ ...base, transaction: { ...txn, method: { brand: s, last4: '4242' } } })],
    ]
    for (const [max, body] of limits) {
      expect(same(body(at(max))), `${max}`).toBe(true)
      expect(plainTicket(body(at(max + 1))), `${max + 1}`).toBeUndefined()
      expect(ticketSchema.safeParse(body(at(max + 1))).success).toBe(false)
    }
  })

  it('never accepts what zod refuses, and never answers differently (random bodies)', () => {
    // Mostly valid values, so that many bodies are taken; now and then one that is not.
    const often = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 })
    const text = (max: number) =>
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', ' ', ' a ', 'x'.repeat(max), 'x'.repeat(max + 1)))
    const value = often(
      fc.oneof(
        text(2000),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      ),
      fc.oneof(fc.double(), fc.jsonValue()),
    )
    const map = often(fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), text(100)), value, { maxKeys: 6 }), value)
    const txn = often(
      fc.record(
        {
          id: text(200),
          time: text(64),
          amount: fc.oneof(fc.constantFrom('1', '-0.5', '12.123456789', '1e3', '', '1234567890123456'), fc.string()),
          currency: fc.oneof(fc.constantFrom('CNY', 'USD', 'cny', 'EURO'), fc.string({ maxLength: 3 })),
          counterparty: text(200),
          status: fc.constantFrom('pending', 'failed', 'nope', 1),
          method: often(
            fc.record({ brand: text(50), last4: fc.constantFrom('4242', '4242', '424', 'abcd', 4242) }),
            value,
          ),
          kind: text(50),
        },
        { requiredKeys: ['id', 'time', 'amount', 'currency'] },
      ),
      value,
    )
    const body = fc.record(
      {
        category: often(fc.constantFrom('topup_failed', 'payment_failed', 'other'), fc.constantFrom('nope', 7)),
        subject: text(200),
        description: often(text(10_000), fc.integer()),
        fields: map,
        transaction: txn,
        attachments: often(fc.constant([]), fc.oneof(fc.constant([{ id: 'at_1' }]), value)),
        priority: often(fc.constantFrom('low', 'normal', 'high', 'urgent'), fc.constantFrom('asap', null)),
        locale: often(fc.constantFrom('en', 'zh-TW'), text(35)),
        diagnostics: map,
        extra: value,
      },
      { requiredKeys: ['category', 'subject', 'description', 'fields', 'attachments', 'priority', 'locale'] },
    )
    let taken = 0
    fc.assert(
      fc.property(body, (b) => {
        // Through JSON, as a request body arrives.
        if (same(JSON.parse(JSON.stringify(b)))) taken++
      }),
      { numRuns: 4000 },
    )
    expect(taken).toBeGreaterThan(20)
  })
})
