/**
 * A card or phone number with letters glued to it: `6222021234567894abc`, `13800138000a`,
 * `tel13800138000ext`. The digits are hidden and the letters kept. Letters after a number never
 * made it part of a word to the ID rule, and now to no rule. Letters before it keep the rule
 * already used for identifiers: only a card with a network's prefix that passes Luhn is hidden
 * whatever is glued before it (`TXN4111…`; 13 such digits are a reference, see
 * referencePrefix.test.ts), so order and transaction numbers (`ORD13800138000`,
 * `TX20261204123456789`) stay, unless the letters are a word naming the number (`tel`, `mobile`,
 * `card`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { luhnValid, redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, exposedDigits, mobile } from './arbitraries.js'

const params = {
  numRuns: 2000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}

const LETTERS_AFTER = ['a', 'abc', 'ext', 'Ext', 'X', 'x', 'kg', 'b2', 'ｂ']
const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['card ', ' thanks'],
  ['卡号', '号'],
  ['我昨天付款失败了。', '，谢谢'],
  ['{"v":"', '"}'],
]

const digitString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })

/** UnionPay `62` numbers of 16–19 digits that fail Luhn (hidden bare, as older UnionPay cards are). */
const unionPayNoLuhn = fc
  .integer({ min: 14, max: 17 })
  .chain((n) => digitString(n, n))
  .map((rest) => `62${rest}`)
  .filter((n) => !luhnValid(n))

describe('a card with letters glued to it', () => {
  it('is hidden, the letters kept: letters after any card, letters before a network card (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // 13 digits glued after letters naming no card are a reference (referencePrefix.test.ts).
          fc
            .tuple(cardNumber, fc.constantFrom('', 'abc', 'TXN', 'ref', 'card', 'No'))
            .filter(([pan, glued]) => pan.length > 13 || glued === '' || glued === 'card'),
          fc.tuple(unionPayNoLuhn, fc.constantFrom('', 'card', 'cardNo')),
        ),
        fc.constantFrom(...LETTERS_AFTER),
        fc.constantFrom(...AROUND),
        ([pan, glued], letters, [before, after]) => {
          const start = before.length + glued.length
          const text = before + glued + pan + letters + after
          const r = redact(text)
          const c = {
            text,
            secret: pan,
            kind: 'card' as const,
            keep: pan.slice(-4),
            span: [start, start + pan.length] as const,
          }
          expect(exposedDigits(c, r.findings), `${text} → ${r.text}`).toBe('')
          expect(r.text, text).toBe(`${before}${glued}${'*'.repeat(pan.length - 4)}${pan.slice(-4)}${letters}${after}`)
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('6222021234567894abc').text).toBe('************7894abc')
    expect(redact('卡号6222021234567894号').text).toBe('卡号************7894号')
    expect(redact('4111111111111111abc').text).toBe('************1111abc')
    expect(redact('card6212345678901234').text).toBe('card************1234')
    expect(redact('4111111111111111x').text).toBe('************1111x')
  })
})

describe('a phone number with letters glued to it', () => {
  it('is hidden, the letters kept: letters after, or a phone word before (property)', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', 'tel', 'Tel', 'TEL', 'phone', 'mobile', 'mobileNo', 'cell', 'call', 'tel:', '手机'),
        fc.constantFrom(...LETTERS_AFTER),
        fc.constantFrom(...AROUND),
        (m, word, letters, [before, after]) => {
          const text = before + word + m + letters + after
          const r = redact(text)
          expect(r.text, text).toBe(`${before}${word}${m.slice(0, 3)}****${m.slice(7)}${letters}${after}`)
          expect(r.findings.map((f) => f.kind)).toEqual(['phone'])
          expect(maskText(text)).toBe(r.text)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('tel13800138000ext').text).toBe('tel138****8000ext')
    expect(redact('13800138000a').text).toBe('138****8000a')
    expect(redact('+8613800138000ext').text).toBe('+86 138****8000ext')
    expect(redact('mobileNo13800138000').text).toBe('mobileNo138****8000')
  })
})

describe('order and transaction numbers with letters', () => {
  /** Digits glued after an identifier's letters: a mobile's, a date and a sequence, or any 13–19. */
  const digits = fc.oneof(
    mobile,
    fc
      .tuple(
        fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        digitString(5, 11),
      )
      .map(([d, seq]) => d.toISOString().slice(0, 10).replace(/-/g, '') + seq),
    digitString(13, 19),
  )

  it('stay when the letters before name no phone or card (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ORD', 'TX', 'SKU', 'order', 'INV', 'hotel', 'No', 'x', 'id'),
        digits,
        fc.constantFrom('', 'A', 'abc', 'X'),
        fc.constantFrom(...AROUND),
        (prefix, n, letters, [before, after]) => {
          // A network card or a resident ID is hidden whatever the letters (`TXN4111…`), as before.
          fc.pre(redact(n, { reference: true }).findings.length === 0)
          const text = before + prefix + n + letters + after
          // Two letters and 13+ digits may pass an IBAN's mod-97 check (1 in 97): another rule.
          expect(
            redact(text).findings.filter((f) => f.kind !== 'iban'),
            text,
          ).toEqual([])
        },
      ),
      params,
    )
  })

  it('examples', () => {
    for (const text of [
      'TX20261204123456789',
      'ORD13800138000',
      'ORD13800138000abc',
      'TXN1234567812345670',
      'hotel13800138000',
    ])
      expect(redact(text).findings, text).toEqual([])
  })
})
