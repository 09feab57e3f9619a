/**
 * A value written right after the name of a secret (PIN, password, 密码, 验证码, code, OTP, CVV) and
 * a colon, `=`, `is`, `是` or `为` is that secret, whatever its shape: `PIN: 13812345678` went out as
 * the mobile `138****5678` (seven of its digits readable), `密码：4111111111111111` as a card with
 * its last four shown. Such a value is hidden whole, client and server alike.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, cnId, mobile } from './arbitraries.js'
import { seeded } from './both.js'

const params = seeded(1000)

const LABELS = [
  'PIN: ',
  'PIN：',
  'PIN:',
  'pin = ',
  'my PIN is ',
  'PIN码：',
  'password: ',
  'Password is ',
  '密码：',
  '密码是',
  '密码为',
  '支付密码：',
  '验证码：',
  '验证码是',
  '验证码为 ',
  '驗證碼：',
  'code: ',
  'the code is ',
  'verification code: ',
  'OTP: ',
  'OTP is ',
  'CVV: ',
  'CVV是',
  'cvv：',
]

describe('privacy: a labelled secret is hidden whole, whatever its shape', () => {
  it.each([
    ['PIN: 13812345678', 'PIN: ******'],
    ['PIN：13812345678', 'PIN：******'],
    ['my PIN is 13812345678', 'my PIN is ******'],
    ['验证码为13812345678', '验证码为******'],
    ['验证码：138 1234 5678', '验证码：******'],
    ['code is 13812345678', 'code is ******'],
    ['OTP: 4111 1111 1111 1111', 'OTP: ******'],
    ['密码：4111111111111111', '密码：******'],
    ['password: 4111-1111-1111-1111', 'password: ******'],
    ['CVV：13812345678', 'CVV：******'],
    ['密码是11010519491231002X', '密码是******'],
    ['PIN: 13812345678，手机 13900001111', 'PIN: ******，手机 139****1111'],
  ])('%s → %s', (text, masked) => {
    expect(redact(text).text).toBe(masked)
    expect(redact(text).findings.map((f) => f.kind)).toEqual(
      masked.includes('139****') ? ['secret', 'phone'] : ['secret'],
    )
    expect(maskText(text)).toBe(masked)
  })

  it('no digit of a phone, card or ID after a secret label survives (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LABELS),
        fc.oneof(mobile, cardNumber, cnId),
        fc.constantFrom('', '。', ', thanks', '，谢谢', ' ok?'),
        (label, value, after) => {
          const text = label + value + after
          const out = redact(text).text
          expect(out).toBe(label + '******' + after)
          expect(maskText(text)).toBe(out)
        },
      ),
      params,
    )
  })

  it.each([
    ['PIN是：13812345678', 'PIN是：******'],
    ['验证码 is: 4111111111111111', '验证码 is: ******'],
    ['密码是：4111111111111111', '密码是：******'],
    ['OTP: G-384921', 'OTP: ******'],
    ['验证码：AB384921', '验证码：******'],
    ['PIN是Ab1234', 'PIN是******'],
    ['CVV: 12a3', 'CVV: ******'],
    ['密码 is Abc12345', '密码 is ******'],
    ['口令 is: Abc12345', '口令 is: ******'],
  ])('joined by two words, or a value with letters: %s → %s', (text, masked) => {
    expect(redact(text).text).toBe(masked)
    expect(maskText(text)).toBe(masked)
  })

  it('a value of letters and digits after a secret label is hidden whole (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LABELS.filter((l) => !/^(?:code|the code)/.test(l)), 'PIN是：', 'OTP is: '),
        fc.stringMatching(/^[A-Za-z]{0,3}[0-9]{3,8}[A-Za-z]{1,3}$|^[A-Za-z]{1,3}-?[0-9]{3,8}$/),
        fc.constantFrom('', '。', ', thanks', '，谢谢', ' ok?'),
        (label, value, after) => {
          const text = label + value + after
          expect(redact(text).text).toBe(label + '******' + after)
        },
      ),
      params,
    )
  })

  it('a word after the bare word code is no secret: an error or a product code', () => {
    expect(redact('code: E1001').text).toBe('code: E1001')
    expect(redact('code: ABC-123').text).toBe('code: ABC-123')
    expect(redact('PIN: none').text).toBe('PIN: none')
    expect(redact('验证码：没收到').text).toBe('验证码：没收到')
  })

  it('a number after a word that only looks like a secret label keeps its own rule', () => {
    expect(redact('error code: 13812345678').text).toBe('error code: 138****5678')
    expect(redact('promo code: 13812345678').text).toBe('promo code: 138****5678')
    expect(redact('验证码 5 分钟过期，手机 13812345678').text).toBe('验证码 5 分钟过期，手机 138****5678')
    expect(redact('密码错了，卡号 4111111111111111').text).toBe('密码错了，卡号 ************1111')
    expect(redact('the code expired after 5 minutes').text).toBe('the code expired after 5 minutes')
    expect(redact('PIN: 2026-11-23').text).toBe('PIN: 2026-11-23')
  })
})
