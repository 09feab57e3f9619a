/**
 * A card number written as a decimal: `4111111111111111.0` (a float printed by a spreadsheet,
 * a log or a JSON encoder), `6222020200001234567.00` (typed into an amount-like field). The
 * fraction is not more digits of a longer dotted number (a version, a date), so the card before
 * it is hidden; amounts and card-length numbers that are no card stay as they are.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { luhnValid, redact } from '../../../src/privacy/index.js'
import { CARD_CONTEXTS, cardNumber, exposedDigits } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const fraction = fc.constantFrom('.0', '.00', '.5', '.50', '.99', '.1')

describe('card numbers with a decimal fraction', () => {
  it('are hidden, the fraction kept', () => {
    fc.assert(
      fc.property(cardNumber, fraction, fc.constantFrom(...CARD_CONTEXTS), (pan, frac, [before, after]) => {
        const text = before + pan + frac + after
        const c = {
          text,
          secret: pan,
          kind: 'card' as const,
          keep: pan.slice(-4),
          span: [before.length, before.length + pan.length] as const,
        }
        const r = redact(text)
        expect(exposedDigits(c, r.findings), `${text} → ${r.text}`).toBe('')
      }),
      params,
    )
  })

  it('examples', () => {
    expect(redact('6222020200001234567.00').text).toBe('***************4567.00')
    expect(redact('4111111111111111.0').text).toBe('************1111.0')
    expect(redact('{"card":4111111111111111.0}').text).toBe('{"card":************1111.0}')
    expect(redact('卡号 6222020200001234567.00').text).toBe('卡号 ***************4567.00')
  })
})

describe('decimals that are not cards', () => {
  it('amounts, and card-length numbers that fail Luhn (not UnionPay 62), keep every digit', () => {
    const notCard = fc
      .stringMatching(/^[1-57-9]\d{12,18}$/)
      .filter((n) => !luhnValid(n) && redact(n).findings.length === 0)
    const amount = fc.stringMatching(/^[1-9]\d{0,7}$/)
    fc.assert(
      fc.property(
        fc.oneof(notCard, amount),
        fraction,
        fc.constantFrom(...CARD_CONTEXTS),
        (n, frac, [before, after]) => {
          // With the fraction's digits a number may read as a card as a whole (as before this rule).
          fc.pre(!luhnValid(n + frac.slice(1)))
          const text = before + n + frac + after
          expect(redact(text).findings, text).toEqual([])
        },
      ),
      params,
    )
  })

  it('amounts, versions and dates stay whole', () => {
    for (const text of ['paid 1234.56', '余额 12345678.90 元', 'v4.1111111111111111', '2026.11.23', '1.2.3'])
      expect(redact(text).findings, text).toEqual([])
  })
})
