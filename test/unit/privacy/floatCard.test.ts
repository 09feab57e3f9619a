/**
 * A card number pasted as a float (a spreadsheet's number column, a JSON encoder): the integer
 * with `.0` or `.00` after it. Above 2^53 the float has lost digits only in exponent form
 * (`6.22202E+15`, out of reach); the forms below keep every digit. Cards with a network prefix and
 * UnionPay `62` numbers were hidden already; a Luhn-valid number of 16–19 digits without a network
 * prefix (early domestic cards start with 9) is hidden too when its fraction is zero: no amount
 * runs to quadrillions. A non-zero fraction (`.50`) still reads as an amount, and an order label
 * or a reference field still keeps the number.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { CARD_CONTEXTS, exposedDigits, luhnCheckDigit } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

/** Starts no card network uses (see CARD_PREFIX), `0` aside (no card starts with it). */
const NO_NETWORK = ['1', '7', '9', '80', '83', '89', '20', '21', '31', '33']

/** A Luhn-valid number of 16–19 digits without a network prefix. */
const prefixless: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...NO_NETWORK), fc.integer({ min: 16, max: 19 }))
  .chain(([prefix, length]) =>
    fc
      .string({ unit: fc.constantFrom(...'0123456789'), minLength: length - prefix.length - 1 })
      .map((rest) => prefix + rest.slice(0, length - prefix.length - 1)),
  )
  .map((body) => body + luhnCheckDigit(body))

/** Compact, or in groups of four joined by a space, a dash or NBSP. */
const writtenPlain = (digits: string): fc.Arbitrary<string> =>
  fc.constantFrom('', ' ', '-', '\u00a0').map((sep) => (sep === '' ? digits : digits.match(/.{1,4}/g)!.join(sep)))

const zero = fc.constantFrom('.0', '.00')

describe('a card number printed as a float', () => {
  it('16–19 Luhn-valid digits without a network prefix and a zero fraction are hidden, the fraction kept (property)', () => {
    fc.assert(
      fc.property(
        prefixless.chain((n) => writtenPlain(n).map((w) => [n, w] as const)),
        zero,
        fc.constantFrom(...CARD_CONTEXTS),
        ([n, w], frac, [before, after]) => {
          const text = before + w + frac + after
          const r = redact(text)
          const c = {
            text,
            secret: n,
            kind: 'card' as const,
            keep: n.slice(-4),
            span: [before.length, before.length + w.length] as const,
          }
          // Written in groups, some such numbers show their first group without a fraction too
          // (`1212-5489-0156-8943-3`: the last 13 digits read as a Maestro card first): not this rule.
          const bare = { ...c, text: before + w + after }
          fc.pre(exposedDigits(bare, redact(bare.text).findings) === '')
          expect(exposedDigits(c, r.findings), `${text} → ${r.text}`).toBe('')
          expect(r.text, text).toContain(n.slice(-4) + frac + after)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('6222021234567890123.0').text).toBe('***************0123.0')
    expect(redact('6222 0212 3456 7890.0').text).toBe('************7890.0')
    expect(redact('6222021234567894.00').text).toBe('************7894.00')
    expect(redact('9123456789012348.0').text).toBe('************2348.0')
    expect(redact('9123456789012345672.00').text).toBe('***************5672.00')
    expect(redact('9123 4567 8901 2345 672.0').text).toBe('***************5672.0')
    expect(redact('{"card":1234567812345670.0}').text).toBe('{"card":************5670.0}')
    expect(redact('卡号 1234567812345670.00。').text).toBe('卡号 ************5670.00。')
  })

  it('with a non-zero fraction, after an order label or in a reference field, it stays (property)', () => {
    fc.assert(
      fc.property(prefixless, fc.constantFrom('.5', '.50', '.99', '.1'), (n, frac) => {
        // With the fraction's digits the number may read as a card as a whole (as before).
        fc.pre(redact(n + frac.slice(1)).findings.length === 0)
        expect(redact(n + frac).findings, n + frac).toEqual([])
      }),
      params,
    )
    fc.assert(
      fc.property(
        prefixless,
        zero,
        fc.constantFrom('订单号 ', 'Order No. ', '交易单号：', 'ref '),
        (n, frac, label) => {
          expect(redact(label + n + frac).findings, label + n + frac).toEqual([])
          expect(redact(n + frac, { reference: true }).findings, n + frac).toEqual([])
        },
      ),
      params,
    )
  })

  it('shorter numbers with a zero fraction and exponent forms that lost digits stay', () => {
    for (const text of [
      '700000000000005.0',
      '1234567812345.00',
      '6.22202E+15',
      'total 1234 5678.00',
      'v1234567812345670.0.1',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})
