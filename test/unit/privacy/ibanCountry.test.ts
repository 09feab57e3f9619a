/**
 * Two letters and digits passing the IBAN mod-97 check (1 in 97 by chance) are an IBAN only when
 * the letters are a country of the IBAN registry, written at its length: `TX0948769959314`, a
 * transaction reference, stays readable; `NO9386011117947` (15) and `RU…` (33) are hidden.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ibanCheckDigits, redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { IBAN_LENGTHS } from '../../../src/privacy/ibanLengths.js'
import { seeded } from './both.js'

const params = seeded(3000)

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ')

describe('IBAN country', () => {
  it('letters naming no IBAN country before mod-97-valid digits stay readable (property)', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(letter, letter)
          .map(([a, b]) => a + b)
          .filter((cc) => IBAN_LENGTHS[cc] === undefined),
        fc.stringMatching(/^\d{11,30}$/),
        fc.constantFrom(['', ''], ['ref ', ' ok'], ['交易号 ', '。']),
        (cc, bban, [before, after]) => {
          const text = `${before}${cc}${ibanCheckDigits(cc, bban)}${bban}${after}`
          expect(
            redact(text).findings.filter((f) => f.kind === 'iban'),
            text,
          ).toEqual([])
        },
      ),
      params,
    )
  })

  // Countries whose banks print IBANs outside the SWIFT registry (the French-speaking African banks'
  // national formats, Algeria, Iran, Morocco…): real accounts, hidden like registry ones.
  it('national IBANs outside the SWIFT registry are hidden', () => {
    for (const iban of [
      'MA64011519000001205000534921',
      'SN08SN0100152000048500003035',
      'CI93CI0080111301134291200589',
      'IR062960000000100324200001',
      'DZ580002100001113000000570',
    ]) {
      expect(
        redact(`IBAN ${iban}`).findings.map((f) => f.kind),
        iban,
      ).toEqual(['iban'])
      expect(maskText(iban), iban).not.toContain(iban.slice(4, 12))
    }
  })

  it('examples', () => {
    expect(redact('TX0948769959314').text).toBe('TX0948769959314')
    expect(redact('Transaction ID: TX0948769959314').text).toBe('Transaction ID: TX0948769959314')
    expect(redact('NO9386011117947').text).toBe('NO*********7947')
    expect(redact('iban RU0204452560040702810412345678901').findings.map((f) => f.kind)).toEqual(['iban'])
    expect(maskText('pay TX0948769959314 / DE89370400440532013000')).toBe(
      'pay TX0948769959314 / DE****************3000',
    )
  })
})
