/**
 * The rule for phones outside the mainland reads 8 digits typed `5123 4567`, or after `+`, as a
 * Hong Kong or Macau mobile. It ran before the rules for numbers spelled in Chinese numerals, for
 * cards without a network's prefix and for e-mail addresses, so it took the first groups of a card
 * or an ID that those rules would have hidden whole, and left the rest readable:
 * `卡号 6222 0212 三四五六 七八九四` → `卡号 ****0212 三四五六 七八九四`.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, luhnCheckDigit } from '../privacy/arbitraries.js'

const seed = process.env.PRIVACY_SEED === undefined ? 20261229 : Number(process.env.PRIVACY_SEED)

const check = (text: string, masked: string): void => {
  expect(redact(text).text).toBe(masked)
  expect(maskText(text)).toBe(masked)
}

const ZH = '零一二三四五六七八九'
const FINANCIAL = '零壹贰叁肆伍陆柒捌玖'
/** Digits and Chinese numerals read as digits. */
const readable = (s: string): number =>
  [...s].filter((ch) => /\d/.test(ch) || ZH.includes(ch) || FINANCIAL.includes(ch) || ch === '〇').length

describe('a card or ID partly spelled in Chinese numerals', () => {
  it.each([
    ['卡号 6222 0212 三四五六 七八九四', '卡号 ************7894'],
    ['卡号 6222 0212 叁肆伍陆 柒捌玖肆', '卡号 ************7894'],
    ['卡 5123 4567 八九〇一 二三四六', '卡 ************2346'],
    ['卡号 9123 4567 八九零一 二三四八', '卡号 ************2348'],
    ['卡号 6222 0212 三四五六\n七八九四', '卡号 ************7894'],
    ['身份证 5101 0519 四九一二 三一〇〇 二X', '身份证 **************002X'],
  ])('%s → %s', check)

  it('a 16-digit card with its first eight digits typed as a Hong Kong mobile shows only its last four (property)', () => {
    const card16 = fc.oneof(
      cardNumber.filter((c) => c.length === 16 && /^[569]/.test(c)),
      fc
        .string({ unit: fc.constantFrom(...'0123456789'), minLength: 14, maxLength: 14 })
        .map((b) => '9' + b)
        .map((b) => b + luhnCheckDigit(b)),
    )
    fc.assert(
      fc.property(
        card16,
        fc.constantFrom(ZH, FINANCIAL),
        fc.constantFrom(' ', '\n'),
        fc.constantFrom('卡号 ', '我的卡是 ', 'card ', ''),
        (card, numerals, sep, label) => {
          const spell = (g: string) => [...g].map((d) => numerals[Number(d)]).join('')
          const g = card.match(/\d{4}/g) ?? []
          const text = `${label}${g[0]} ${g[1]} ${spell(g[2] ?? '')}${sep}${spell(g[3] ?? '')}`
          expect(readable(redact(text).text.slice(label.length))).toBeLessThanOrEqual(4)
        },
      ),
      { numRuns: 500, seed },
    )
  })
})

describe('a card without a network prefix broken over lines or by a slash', () => {
  it.each([
    ['卡号 9123 4567\n8901 2348', '卡号 ************2348'],
    ['9123 4567\n\n8901 2348', '************2348'],
    ['卡号 9123 4567 / 8901 2348', '卡号 ************2348'],
    ['卡号 9123 4567_8901 2348', '卡号 ************2348'],
  ])('%s → %s', check)
})

describe('an e-mail address whose name is a number', () => {
  it.each([
    ['联系 91234567@qq.com', '联系 9***@qq.com'],
    ['+85291234567@qq.com', '+***@qq.com'],
  ])('%s → %s', check)
})
