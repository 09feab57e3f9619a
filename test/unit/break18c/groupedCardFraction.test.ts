/**
 * A card written in groups (spaces, dashes) with a decimal fraction after it: `4111 1111 1111
 * 1111.00`. The amount rule (a slice holding a whole decimal is no card) made it readable; it was
 * hidden before (by accident, as 18 digits: two trailing zeros keep the Luhn check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { cardNumber } from '../privacy/arbitraries.js'

const params = { numRuns: 1000, seed: 20261204 }

const grouped = (pan: string, sep: string) => pan.match(/.{1,4}/g)!.join(sep)

describe('a grouped card followed by a decimal fraction', () => {
  it.each([
    ['card 4111 1111 1111 1111.00', 'card ************1111.00'],
    ['paid with 5555 5555 5555 4444.00 today', 'paid with ************4444.00 today'],
    ['4111-1111-1111-1111.00', '************1111.00'],
    ['card 4111 1111 1111 1111.50', 'card ************1111.50'],
  ])('%s is hidden', (text, masked) => {
    expect(redact(text).text).toBe(masked)
  })

  it('is hidden whatever the card, separator and fraction (property)', () => {
    fc.assert(
      fc.property(
        cardNumber,
        fc.constantFrom(' ', '-'),
        fc.constantFrom('.0', '.00', '.5', '.50', '.99'),
        fc.constantFrom(['', ''], ['card ', ' thanks'], ['卡号 ', '。'], ['I paid ', ' yesterday']),
        (pan, sep, fraction, [before, after]) => {
          const out = redact(before + grouped(pan, sep) + fraction + after).text
          expect(out.replace(/\D/g, '')).not.toContain(pan.slice(0, 8))
          expect(out).toContain(pan.slice(-4) + fraction)
        },
      ),
      params,
    )
  })

  it('amounts stay: a short number with a fraction, a date after an amount', () => {
    // `1111 2222 3333 4444.00` (Luhn-valid, 16 digits, zero fraction) reads as a card printed as a float.
    for (const text of ['amount 4128.50 2026 11 23', 'total 1234 5678.00', '1111 2222 3333 4444.50', '¥138001380.00'])
      expect(redact(text).text).toBe(text)
  })
})
