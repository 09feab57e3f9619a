/**
 * A card number written in exponent form: `4.111111111111111e15`, `4.111111111111111E+15` (a float
 * pasted from a spreadsheet, a log or a JSON encoder that prints large numbers that way). The
 * mantissa's digits, with the zeros the exponent adds, are the number; when they read as a card
 * (13–19 digits, a network prefix, Luhn) the whole token is hidden. Scientific numbers stay.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

/** `4111111111111111` → `4.111111111111111e15` and its spellings; trailing zeros dropped as a float printer does. */
function exponentForm(pan: string, e: 'e' | 'E', plus: boolean, pad: boolean): string {
  const fraction = pan.slice(1).replace(/0+$/, '')
  const exp = pan.length - 1
  return `${pan[0]}${fraction === '' ? '' : '.' + fraction}${e}${plus ? '+' : ''}${pad && exp < 10 ? '0' : ''}${exp}`
}

const CONTEXT: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['card ', ' thanks'],
  ['卡号 ', '。'],
  ['{"card":', '}'],
  ['pan=', '&x=1'],
  ['amount: ', ' CNY'],
  ['card\t', '\t12.50\n'],
]

describe('card numbers in exponent form', () => {
  it('are hidden when the digits are a card (up to two trailing zeros dropped)', () => {
    fc.assert(
      fc.property(
        cardNumber.filter((pan) => !/000$/.test(pan)),
        fc.constantFrom('e' as const, 'E' as const),
        fc.boolean(),
        fc.constantFrom(...CONTEXT),
        (pan, e, plus, [before, after]) => {
          const written = exponentForm(pan, e, plus, false)
          const text = before + written + after
          const r = redact(text)
          expect(r.text, text).toBe(before + '*'.repeat(pan.length - 4) + pan.slice(-4) + after)
          expect(r.findings.map((f) => f.kind)).toEqual(['card'])
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('4.111111111111111e15').text).toBe('************1111')
    expect(redact('card 4.111111111111111E+15 declined').text).toBe('card ************1111 declined')
    expect(redact('5.555555555554444e+15').text).toBe('************4444')
    // 4242424242424200 and 4111111111111400 printed without their trailing zeros.
    expect(redact('4.2424242424242e15').text).toBe('************4200')
    expect(redact('4.1111111111114e15').text).toBe('************1400')
    expect(redact('{"pan":6.222020200001234562e18}').text).toBe('{"pan":***************4562}')
    expect(redact('Ｃard ４.１１１１１１１１１１１１１１１ｅ１５').text).toBe('Ｃard ************1111')
  })

  it('scientific numbers and non-card mantissas stay', () => {
    for (const text of [
      '6.02e23',
      '1.5e3',
      '6.02214076e23',
      '2.99792458e8',
      '4.1e15',
      '4e15',
      '4.11111E+15',
      // Luhn fails
      '4.111111111111112e15',
      // not an integer: the exponent is smaller than the fraction
      '4.111111111111111e14',
      '4.111111111111111e-15',
      // more than two zeros added
      '4.1111111111111e18',
      // no network prefix (1…)
      '1.234567812345670e15',
      // 20 digits
      '4.1111111111111111111e19',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})

describe('card numbers past 2^53 printed as floats', () => {
  // A 17–19-digit card read as a double keeps 15–17 digits and rounds the rest away (Python's
  // repr, JavaScript's toExponential): no checksum can tell, so the whole token is hidden.
  it('are hidden whole when 15 or more digits and a network prefix remain (property)', () => {
    fc.assert(
      fc.property(
        cardNumber.filter((pan) => pan.length >= 17),
        fc.boolean(),
        fc.constantFrom(...CONTEXT),
        (pan, plus, [before, after]) => {
          const written = Number(pan)
            .toExponential()
            .replace('+', plus ? '+' : '')
          fc.pre(/^\d\.\d{14,}e/.test(written))
          const text = before + written + after
          const r = redact(text)
          // Rounded digits that pass Luhn by chance (1 in 10) read as an exact card: the last four show.
          const [mantissa = '', exp = ''] = written.split('e')
          const shown = mantissa
            .replace('.', '')
            .padEnd(Number(exp) + 1, '0')
            .slice(-4)
          expect([
            before + '*'.repeat(pan.length) + after,
            before + '*'.repeat(pan.length - 4) + shown + after,
          ]).toContain(r.text)
          expect(r.findings.map((f) => f.kind)).toEqual(['card'])
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('{"pan": 6.222021234567894e+18}').text).toBe('{"pan": *******************}')
    expect(redact('card 4.111111111111111e18').text).toBe('card *******************')
    // Fewer digits (a measurement), no network prefix, or past 19 digits: kept.
    for (const text of ['4.1111111111111e18', '1.234567812345678e18', '4.111111111111111e19', '6.02214076e23'])
      expect(redact(text).findings, text).toEqual([])
  })
})
