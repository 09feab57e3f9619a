/**
 * A card number, ID or phone number passed as a JSON number (`{ cardNumber: 4111111111111111 }`
 * in a report's fields or diagnostics) is masked by redactFields as its digits, as the server does
 * since it masks field maps: before, only strings were read and such a number left the device as
 * it was. A number the redactor leaves alone stays a number; one past 2^53 (its last digits
 * already rounded away) is masked whole.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redactFields } from '../../../src/privacy/index.js'
import { buildTicketInput } from '../../../src/reports/index.js'
import { cardNumber, cnId, mobile } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const digitsLeft = (v: unknown) => String(v).replace(/\D/g, '')

describe('redactFields reads numbers as their digits', () => {
  it('hides card numbers, IDs and mobiles passed as numbers', () => {
    const secret = fc.oneof(
      cardNumber.map((n) => [n, n.slice(-4)] as const),
      cnId.filter((id) => !id.endsWith('X')).map((id) => [id, id.slice(-4)] as const),
      mobile.map((m) => [m, m.slice(0, 3) + m.slice(7)] as const),
    )
    fc.assert(
      fc.property(secret, fc.constantFrom('cardNumber', 'pan', 'x', 'note'), ([digits, shown], key) => {
        const { value, findings } = redactFields({ fields: { [key]: Number(digits) } })
        const out = value.fields[key]
        expect(typeof out, `${digits} → ${String(out)}`).toBe('string')
        // What may show: the last 4 of a card or ID, a mobile's first 3 and last 4; past 2^53 nothing.
        expect([shown, ''], `${digits} → ${String(out)}`).toContain(digitsLeft(out))
        expect(findings.length).toBeGreaterThan(0)
        expect(findings[0]?.path).toBe(`fields.${key}`)
      }),
      params,
    )
  })

  it('keeps other numbers as the same numbers', () => {
    const benign = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 9_999_999_999 }),
      // A fraction is never part of a card: 412345678.1234567 is a measurement, not 16 digits.
      fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((n) => !Number.isInteger(n) || Math.abs(n) < 1e10),
      fc.constantFrom(0, -0, 128.5, 1234.56, 2026, 20261123, 412345678.1234567, Infinity, Number.NaN),
    )
    fc.assert(
      fc.property(benign, (n) => {
        const { value, findings } = redactFields({ diagnostics: { n, list: [n] } })
        expect(value.diagnostics.n).toBe(n)
        expect(value.diagnostics.list[0]).toBe(n)
        expect(findings).toEqual([])
      }),
      params,
    )
  })

  it('examples', () => {
    const { value } = redactFields({
      cardNumber: 4111111111111111,
      float: 4111111111111111.0,
      phone: 13800138000,
      id: 440524188001010000,
      amount: 1234.56,
      build: 2026,
      ok: true,
      none: null,
    })
    expect(value).toEqual({
      cardNumber: '************1111',
      float: '************1111',
      phone: '138****8000',
      // 440524188001010014 rounded by JSON.parse: masked whole, one `*` per digit.
      id: '*'.repeat(18),
      amount: 1234.56,
      build: 2026,
      ok: true,
      none: null,
    })
    // A reference key keeps an order number, as for a string.
    expect(redactFields({ orderNumber: 1234567812345670 }, { referenceKeys: ['orderNumber'] }).value).toEqual({
      orderNumber: 1234567812345670,
    })
  })
})

describe('buildTicketInput', () => {
  it('masks numbers in diagnostics before the ticket leaves the device', () => {
    const { input, findings } = buildTicketInput(
      'other',
      { description: 'Something odd happened with this payment.' },
      { diagnostics: { cardNumber: 4111111111111111, phone: 13800138000, build: 2026, amount: 1234.56 } },
    )
    expect(input.diagnostics).toEqual({
      cardNumber: '************1111',
      phone: '138****8000',
      build: 2026,
      amount: 1234.56,
    })
    expect(findings.map((f) => `${f.path}:${f.kind}`).sort()).toEqual([
      'diagnostics.cardNumber:card',
      'diagnostics.phone:phone',
    ])
  })
})
