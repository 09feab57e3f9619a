/**
 * A resident ID followed by a decimal fraction (`370101 19010203 9973.00`, `1101 0519 4912 3100
 * 21.00`): an ID pasted from a spreadsheet's number column, as a card is. The fraction is no part
 * of a longer dotted number, so the ID before it is hidden and the fraction kept, as for a card
 * (`4111 1111 1111 1111.00`). IDs ending in `X` were hidden already (the `X` ends the number).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cnIdValid, redact } from '../../../src/privacy/index.js'
import { cnId, exposedDigits, legacyId } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const fraction = fc.constantFrom('.0', '.00', '.5', '.50')
const CONTEXT: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['身份证号 ', '。'],
  ['ID card no. ', ' thanks'],
  ['{"id": ', '}'],
  ['我昨天付款失败了。', '，谢谢'],
  ['', '\n金额 100.00 元'],
]

/** The ID's characters in groups of `sizes` (cycled) joined by spaces, dashes or NBSP, or not at all. */
const grouped = (id: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('', ' ', '-', '\u00a0', '  ', ' - '),
    )
    .map(([sizes, sep]) => {
      const parts: string[] = []
      for (let at = 0, g = 0; at < id.length; g++) {
        const size = sizes[g % sizes.length] ?? 4
        parts.push(id.slice(at, at + size))
        at += size
      }
      return parts.join(sep)
    })

describe('a resident ID with a decimal fraction after it', () => {
  it('is hidden, grouped or not, the fraction kept (property)', () => {
    fc.assert(
      fc.property(
        cnId.chain((id) => grouped(id).map((w) => [id, w] as const)),
        fraction,
        fc.constantFrom(...CONTEXT),
        ([id, w], frac, [before, after]) => {
          const text = before + w + frac + after
          const r = redact(text)
          const c = {
            text,
            secret: id,
            kind: 'cn_id' as const,
            keep: id.slice(-4),
            span: [before.length, before.length + w.length] as const,
          }
          expect(exposedDigits(c, r.findings), `${text} → ${r.text}`).toBe('')
          expect(r.findings.map((f) => f.kind)).toContain('cn_id')
          expect(r.text, text).toContain(id.slice(-4).toUpperCase() + frac + after)
        },
      ),
      params,
    )
  })

  it('a labelled legacy ID too', () => {
    fc.assert(
      fc.property(legacyId, fraction, (id, frac) => {
        const text = `身份证 ${id}${frac}`
        expect(redact(text).text, text).toBe(redact(`身份证 ${id}`).text + frac)
      }),
      params,
    )
  })

  it('examples', () => {
    expect(redact('370101 19010203 9973.00').text).toBe('**************9973.00')
    expect(redact('3701 0119 0102 0399 73.00').text).toBe('**************9973.00')
    expect(redact('370101190102039973.0').text).toBe('**************9973.0')
    expect(redact('4405-2418-8001-0100-14.00').text).toBe('**************0014.00')
    expect(redact('身份证 110105 19491231 0021.00').text).toBe('身份证 **************0021.00')
    // Already hidden: the `X` ends the number.
    expect(redact('110105 19491231 002X.00').text).toBe('**************002X.00')
    expect(redact('1101 0519 4912 3100 2X.00').text).toBe('**************002X.00')
  })

  it('18 digits with a fraction that are no ID are not read as one', () => {
    const notId = fc.stringMatching(/^[1-8]\d{17}$/).filter((n) => !cnIdValid(n))
    fc.assert(
      fc.property(notId, fraction, (n, frac) => {
        const text = `amount ${n}${frac}`
        expect(
          redact(text).findings.map((f) => f.kind),
          text,
        ).not.toContain('cn_id')
      }),
      params,
    )
  })
})
