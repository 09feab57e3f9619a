/**
 * A password, PIN or payment password is hidden whole, whatever it looks like: people use their
 * phone number as a password, and the phone rule ran first, so 「支付密码是13812345678」 went out
 * as 138****5678, seven of its eleven digits readable. And a 13-digit card glued after the name of
 * its network (`VISA4222222222222`) is a card, not a reference.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { mobile } from './arbitraries.js'

const PHRASES = ['支付密码是', '密码 ', '登录密码：', 'my password is ', 'password: ', 'passcode ', '交易密码']

describe('privacy: a password is hidden whole, also when it looks like a phone number', () => {
  it.each([
    ['支付密码是13812345678', '支付密码是******'],
    ['my password is 13812345678', 'my password is ******'],
    ['登录密码：一三八一二三四五六七八', '登录密码：******'],
  ])('%s → %s', (text, masked) => {
    expect(redact(text).text).toBe(masked)
    expect(maskText(text)).toBe(masked)
  })

  it('no digit of a phone-shaped password is left, client and server alike (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PHRASES),
        mobile,
        fc.constantFrom('', '。', ', thanks'),
        (phrase, phone, after) => {
          const text = phrase + phone + after
          const out = redact(text).text
          expect(out).toBe(maskText(text))
          expect(out.slice(phrase.length).replace(after, '')).not.toMatch(/\d/)
        },
      ),
    )
  })

  it('a phone number that is no password still keeps its first three and last four digits', () => {
    expect(redact('电话13812345678').text).toBe('电话138****5678')
    expect(redact('密码忘了，手机号13812345678').text).toBe('密码忘了，手机号138****5678')
  })
})

describe('privacy: a card glued after its network name is a card, also at 13 digits', () => {
  it.each(['VISA', 'visa', 'cc', 'Mastercard', 'amex', 'UnionPay', 'JCB', 'Discover'])('%s4222222222222', (w) => {
    const out = redact(`${w}4222222222222`).text
    expect(out).toBe(`${w}*********2222`)
  })

  it('a reference prefix still keeps its 13 digits', () => {
    expect(redact('TX4222222222222').text).toBe('TX4222222222222')
  })
})
