/**
 * A secret given before its name, spelled in Chinese numerals (`一三八一二三四五六七八 is my PIN`,
 * `幺二三四五六是我的支付密码`), stayed readable, or kept seven digits as a mobile: only digits were
 * read before a name. Numerals (also financial forms, `幺`, `两`, mixed with digits) are read as
 * the digits are, under the same rules (a joining word or a bracket, the name ending its clause).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { mobile } from './arbitraries.js'
import { seeded, check } from './both.js'

const params = seeded(1000)

const FORMS = ['零一二三四五六七八九', '〇幺两三四五六拐八勾', '零壹贰叁肆伍陆柒捌玖', '0123456789'] as const

/** Digits written in random numeral forms, at least one a numeral. */
const spell = (digits: string) =>
  fc
    .array(fc.integer({ min: 0, max: FORMS.length - 1 }), { minLength: digits.length, maxLength: digits.length })
    .filter((forms) => forms.some((f) => f < 3))
    .map((forms) => [...digits].map((d, i) => FORMS[forms[i] ?? 0]?.[Number(d)] ?? d).join(''))

describe('privacy: a secret spelled in Chinese numerals before its name is hidden whole', () => {
  it.each([
    ['一三八一二三四五六七八 is my PIN', '****** is my PIN'],
    ['幺二三四五六是我的支付密码', '******是我的支付密码'],
    ['三八四九二一是您的验证码', '******是您的验证码'],
    ['三八四九二一 is the OTP', '****** is the OTP'],
    ['一三八 一二三四 五六七八是验证码。', '******是验证码。'],
    ['138一二三四5678（验证码）', '******（验证码）'],
    ['壹贰叁肆伍陆是我的密码', '******是我的密码'],
    ['你好，一二三四五六是密码吗', '你好，******是密码吗'],
  ])('%s → %s', check)

  it('no digit or numeral of a spelled code, password or phone-shaped PIN survives (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(mobile, fc.stringMatching(/^\d{6}$/)).chain(spell),
        fc.constantFrom(' is my PIN', '是我的支付密码', '是验证码', '（验证码）', ' (OTP)', '就是密码', '为验证码'),
        fc.constantFrom('', '。', ', thanks', '，谢谢'),
        (value, join, after) => {
          const text = value + join + after
          expect(redact(text).text).toBe('******' + join + after)
          expect(maskText(text)).toBe('******' + join + after)
        },
      ),
      params,
    )
  })

  it('numerals that are words, and names that name something else, stay as they were', () => {
    check('一二三是密码', '一二三是密码')
    check('三三两两是密码错误导致的', '三三两两是密码错误导致的')
    check('一百三十八是验证码', '一百三十八是验证码')
    check('十一月是验证码接收不到的时候', '十一月是验证码接收不到的时候')
    // A spelled mobile named as the number a code goes to is a mobile.
    check('一三八一二三四五六七八是验证码接收号码', '138****5678是验证码接收号码')
    check('一三八一二三四五六七八 is my OTP number', '138****5678 is my OTP number')
    check('一三八一二三四五六七八 is the code', '138****5678 is the code')
  })
})
