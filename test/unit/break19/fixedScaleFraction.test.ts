/**
 * A card or resident ID printed with a fixed scale: `.000` to `.000000` after the integer (a
 * spreadsheet's `0.000` format, a DECIMAL(…, 3) column, an export with four or six places). Like
 * `.0` and `.00`, a zero fraction of any of those lengths is an integer printed as a decimal; the
 * number was left readable (`4111111111111111.000`, `4111 1111 1111 1111.000`,
 * `370101 19010203 9973.000`; `3701 0119 0102 0399 73.000` lost only its first 16 digits).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { cardNumber, cnId, exposedDigits } from '../privacy/arbitraries.js'

const params = {
  numRuns: 1500,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const scale = fc.integer({ min: 3, max: 6 }).map((n) => '.' + '0'.repeat(n))
const CONTEXT: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['card ', ' thanks'],
  ['卡号 ', '。'],
  ['{"card":', '}'],
  ['身份证 ', ''],
]

describe('a card or ID with a fixed-scale zero fraction', () => {
  it('is hidden, the fraction kept (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          cardNumber.map((n) => ['card', n] as const),
          cnId.map((n) => ['cn_id', n] as const),
        ),
        fc.constantFrom('', ' ', '-'),
        scale,
        fc.constantFrom(...CONTEXT),
        ([kind, n], sep, frac, [before, after]) => {
          const w = sep === '' ? n : n.match(/.{1,4}/g)!.join(sep)
          const text = before + w + frac + after
          const r = redact(text)
          const c = {
            text,
            secret: n,
            kind,
            keep: n.slice(-4),
            span: [before.length, before.length + w.length] as const,
          }
          // Only what the number shows without the fraction is this rule's (a grouped number may
          // read as something shorter on its own).
          const bare = { ...c, text: before + w + after }
          fc.pre(exposedDigits(bare, redact(bare.text).findings) === '')
          expect(exposedDigits(c, r.findings), `${text} → ${r.text}`).toBe('')
          expect(r.text, text).toContain(frac + after)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('4111111111111111.000').text).toBe('************1111.000')
    expect(redact('card 5500000000000004.0000').text).toBe('card ************0004.0000')
    expect(redact('4111 1111 1111 1111.000').text).toBe('************1111.000')
    expect(redact('1234567812345670.000000').text).toBe('************5670.000000')
    expect(redact('370101 19010203 9973.000').text).toBe('**************9973.000')
    expect(redact('3701 0119 0102 0399 73.000').text).toBe('**************9973.000')
  })

  it('a non-zero or longer fraction, a shorter number, an order label or a dotted number stays', () => {
    for (const text of [
      '1234567812345670.500',
      '1234 5678 1234 5670.125',
      '1234567812345670.0000000',
      '13800138000.000',
      '1234567812345.000',
      '12.000',
      '1.000.000',
      '2026.12.04.000',
      '订单号 1234567812345670.000',
      'Order No. 1234567812345670.000',
    ])
      expect(redact(text).findings, text).toEqual([])
    expect(redact('1234567812345670.000', { reference: true }).findings).toEqual([])
  })
})
