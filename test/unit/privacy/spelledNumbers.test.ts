/**
 * Card numbers and resident IDs spelled in Chinese numerals (`四一一一 一一一一 一一一一 一一一一`,
 * `六二二二〇二…`, `壹壹零壹零伍…X`), as a user reads a number aloud or types it past a filter, stayed
 * readable: only mainland mobiles were read in numerals. Each is masked as it is in Arabic digits.
 * Chinese text with numerals in it (`一二三四五`, `二〇二六年`, `一五一十`) stays, and so does a long
 * number that only has a word starting with a numeral glued after it (`…一直没到账`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, cnId, luhnCheckDigit } from './arbitraries.js'
import { seeded } from './both.js'

const params = seeded(1000)

const FORMS = ['零一二三四五六七八九', '〇一二三四五六七八九', '零壹贰叁肆伍陆柒捌玖', '零壹貳參肆伍陸柒捌玖'] as const

/** `digits` with every digit (or, `mixed`, most of them) as a numeral of a random form, in groups of four or not. */
const spelled = (digits: string) =>
  fc
    .record({
      forms: fc.array(fc.integer({ min: 0, max: FORMS.length }), {
        minLength: digits.length,
        maxLength: digits.length,
      }),
      grouped: fc.boolean(),
    })
    // At least half the digits spelled: a number typed past a filter, not a numeral glued to digits.
    .filter(({ forms }) => forms.filter((f) => f < FORMS.length).length * 2 >= digits.length)
    .map(({ forms, grouped }) => {
      const chars = [...digits].map((d, i) => FORMS[forms[i] ?? 0]?.[Number(d)] ?? d)
      const arabic = [...digits]
      const group = (cs: string[]) =>
        grouped ? cs.map((c, i) => (i > 0 && i % 4 === 0 ? ` ${c}` : c)).join('') : cs.join('')
      return { text: group(chars), arabic: group(arabic) }
    })

const AROUND: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['卡号', ''],
  ['我的银行卡是', '，谢谢'],
  ['身份证号：', '。'],
  ['card ', ' please'],
]

/** Luhn-valid numbers of 16–19 digits, with or without a network's prefix. */
const luhn16to19 = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 18 })
  .map((d) => d.join(''))
  .map((body) => body + luhnCheckDigit(body))

describe('privacy: cards and resident IDs spelled in Chinese numerals', () => {
  it.each([
    ['四一一一一一一一一一一一一一一一', '************1111'],
    ['卡号 四一一一 一一一一 一一一一 一一一一', '卡号 ************1111'],
    ['六二二二〇二一二三四五六七八九四', '************7894'],
    ['陆贰贰贰零贰壹贰叁肆伍陆柒捌玖肆', '************7894'],
    ['身份证 一一〇一〇五一九四九一二三一〇〇二X', '身份证 **************002X'],
    ['一一〇一〇五一九四九一二三一〇〇二x', '**************002X'],
    ['壹壹零壹零伍壹玖肆玖壹贰叁壹零零贰X', '**************002X'],
  ])('%s → %s', (text, masked) => {
    expect(redact(text).text).toBe(masked)
    expect(maskText(text)).toBe(masked)
  })

  it('a card of 16–19 digits is masked as it is in digits (property)', () => {
    fc.assert(
      fc.property(
        cardNumber.filter((c) => c.length >= 16).chain(spelled),
        fc.constantFrom(...AROUND),
        ({ text, arabic }, [before, after]) => {
          const digits = redact(before + arabic + after)
          expect(digits.findings.map((f) => f.kind)).toEqual(['card'])
          expect(redact(before + text + after).text).toBe(digits.text)
        },
      ),
      params,
    )
  })

  it('any Luhn-valid number of 16–19 digits reads as it does in digits (property)', () => {
    fc.assert(
      fc.property(luhn16to19.chain(spelled), fc.constantFrom(...AROUND), ({ text, arabic }, [before, after]) => {
        // Numerals and digits are one unit each: the same number is found at the same offsets.
        const digits = redact(before + arabic + after).findings
        expect(redact(before + text + after).findings).toEqual(digits)
      }),
      params,
    )
  })

  it('a resident ID is masked as it is in digits (property)', () => {
    fc.assert(
      fc.property(
        cnId.chain((id) =>
          spelled(id.slice(0, 17)).map((s) => ({ text: s.text + id.slice(17), arabic: s.arabic + id.slice(17) })),
        ),
        fc.constantFrom(...AROUND),
        ({ text, arabic }, [before, after]) => {
          const digits = redact(before + arabic + after)
          expect(digits.findings.map((f) => f.kind)).toEqual(['cn_id'])
          expect(redact(before + text + after).text).toBe(digits.text)
        },
      ),
      params,
    )
  })

  it('Chinese text with numerals in it stays', () => {
    for (const text of [
      '一二三四五',
      '我数了一二三四五六七八九十',
      '二〇二六年十一月二十三日',
      '二〇二六年一二月',
      '他一五一十地说了，三三两两的人',
      '九九八十一难',
      '订单号1234567890123一直没到账',
      '流水 4111111111111 一共两笔',
      '第一二三四五六七八九章',
    ])
      expect(redact(text).text, text).toBe(text)
  })

  it('a long number the digit rules leave stays with a word starting with a numeral glued after it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }).map((d) => d.join('')),
        fc.constantFrom('一直没到账', '一共两笔', '一下', '两次', '三天了', '〇〇'),
        (n, tail) => {
          fc.pre(redact(n).findings.length === 0)
          const text = `单 ${n}${tail}`
          expect(redact(text).text).toBe(text)
        },
      ),
      params,
    )
  })
})
