/**
 * Property-based masking tests: 10,000 generated cases per family. The seed is fixed so
 * `npm test` is deterministic; set PRIVACY_SEED to explore other seeds. A counterexample found
 * that way becomes a fixed case in `regressions.test.ts`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { looksLikeCode, redact } from '../../../src/privacy/index.js'
import { digitsOf, normalize } from '../../../src/privacy/normalize.js'
import {
  type SensitiveCase,
  benign,
  exposedDigits,
  sensitiveCard,
  sensitiveCode,
  sensitiveId,
  sensitiveMobile,
} from './arbitraries.js'

const RUNS = 10_000
const seed = process.env.PRIVACY_SEED === undefined ? 20261202 : Number(process.env.PRIVACY_SEED)
const params = { numRuns: RUNS, seed }
// Generous: the machine running `npm test` may be shared; the figures live in `bench:privacy`.
const timeout = 120_000

/** The secret's digits that must be gone: all of them, except the last four a card or ID may keep. */
export function mustVanish(c: Pick<SensitiveCase, 'secret' | 'keep'>): string {
  const chars = (t: string) =>
    normalize(t)
      .text.replace(/[^0-9Xx]/g, '')
      .toUpperCase()
  const secret = chars(c.secret)
  const keep = c.keep === undefined ? '' : chars(c.keep)
  const hidden = keep !== '' && secret.endsWith(keep) ? secret.slice(0, -keep.length) : secret
  return hidden.replace(/X/g, '')
}

function assertMasked(c: SensitiveCase): void {
  const { text, findings } = redact(c.text)
  const exposed = exposedDigits(c, findings)
  if (exposed !== '')
    throw new Error(`exposed ${JSON.stringify(exposed)}: ${JSON.stringify(c.text)} → ${JSON.stringify(text)}`)
  // And as the benchmark compares: the digits that must vanish are not in the output.
  if (
    digitsOf(text).includes(mustVanish(c)) &&
    !digitsOf(c.text.replace(c.text.slice(...c.span), '')).includes(mustVanish(c))
  ) {
    throw new Error(`survived: ${JSON.stringify(c.text)} → ${JSON.stringify(text)}`)
  }
}

describe('generated secrets never survive', () => {
  it.each([
    ['card numbers of every network and length', sensitiveCard],
    ['CN resident IDs', sensitiveId],
    ['mainland mobiles', sensitiveMobile],
  ] as const)(
    '%s',
    (_name, arb) => {
      fc.assert(fc.property(arb, assertMasked), params)
    },
    timeout,
  )

  it(
    'codes, CVV, PIN and digit passwords in zh-CN, zh-TW and en phrases; the chat warning agrees',
    () => {
      fc.assert(
        fc.property(sensitiveCode, (c) => {
          assertMasked(c)
          // Same detector: whatever the masking hides as a secret, the chat warns about.
          expect(looksLikeCode(c.text)).toBe(true)
        }),
        params,
      )
    },
    timeout,
  )
})

describe('generated benign ids come out unchanged', () => {
  it(
    'transaction numbers, merchant refs, amounts, dates, versions, builds, last fours',
    () => {
      fc.assert(
        fc.property(benign, (c) => {
          expect(redact(c.text).text).toBe(c.text)
          // A message that is nothing but a number (a hotline, `95188`) is asked about, by design.
          if (!/^[\d\s-]+$/.test(c.text)) expect(looksLikeCode(c.text)).toBe(false)
        }),
        params,
      )
    },
    timeout,
  )
})

describe('mustVanish (the comparison the benchmark uses)', () => {
  it('reads any digit script and drops separators; a card keeps its last four', () => {
    expect(mustVanish({ secret: '٤١١١ ١١١١ ١١١١ ١١١١', keep: '1111' })).toBe('411111111111')
    expect(mustVanish({ secret: '11010519491231002X', keep: '002X' })).toBe('11010519491231')
    expect(mustVanish({ secret: '3 8 4 9 2 1' })).toBe('384921')
  })
})
