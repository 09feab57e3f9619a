/**
 * How people really write numbers: every spelling that used to be stored in the clear, plus the
 * counterexamples the property tests found (kept as fixed cases).
 */
import { describe, expect, it } from 'vitest'
import { looksLikeCode, redact } from '../../../src/privacy/index.js'

const masked = (input: string, output: string) => expect(redact(input).text).toBe(output)
const untouched = (text: string) => expect(redact(text)).toEqual({ text, findings: [] })

describe('cards grouped the ways people type them', () => {
  it.each([
    ['4111.1111.1111.1111', '************1111'],
    ['4111/1111/1111/1111', '************1111'],
    ['4111_1111_1111_1111', '************1111'],
    ['4111\u20131111\u20131111\u20131111', '************1111'],
    ['4111  1111  1111  1111', '************1111'],
    ['4111 1111\n1111 1111', '************1111'],
    ['4111\u202f1111\u202f1111\u202f1111', '************1111'],
    ['41\u200b11 1111 11\u00ad11 11\u200d11', '************1111'],
    ['٤١١١ ١١١١ ١١١١ ١١١١', '************1111'],
    ['४१११ ११११ ११११ ११११', '************1111'],
    ['6205.5000.0000.0000.004', '***************0004'],
  ])('%j', masked)

  it('the replacement covers the invisible characters inside the number, with offsets into the original', () => {
    const text = '卡 41\u200b11 1111 1111 1111 好'
    expect(redact(text).findings).toEqual([{ kind: 'card', start: 2, end: text.length - 2 }])
  })
})

describe('labels never hide a card', () => {
  it.each([
    ['订单号 4111111111111111', '订单号 ************1111'],
    ['ref: 5555 5555 5555 4444', 'ref: ************4444'],
    ['order no 6205500000000000004', 'order no ***************0004'],
    ['v5.12.3 build 4111111111111111', 'v5.12.3 build ************1111'],
  ])('%j', masked)
})

describe('mobiles', () => {
  it.each([
    ['138.0013.8000', '138****8000'],
    ['(138) 0013 8000', '138****8000'],
    ['138\u200b0013\u200b8000', '138****8000'],
    // Property-test counterexample: the weak card rule used to eat the mobile with its 0086.
    ['0086 1 5 3 0 6 1 5 5 5 3 4', '0086 153****5534'],
  ])('%j', masked)
})

describe('codes and secrets in sentences', () => {
  it.each([
    ['my code is 384921', 'my code is ******'],
    ['the code is 384921', 'the code is ******'],
    ['here is the code 384921', 'here is the code ******'],
    ['验证码 3 8 4 9 2 1', '验证码 ******'],
    ['code: 3 8 4 9 2 1', 'code: ******'],
    ['验证码\n384921', '验证码\n******'],
    ['驗證碼是 384921', '驗證碼是 ******'],
    ['密碼：123456', '密碼：******'],
    ['one-time password: 384921', 'one-time password: ******'],
    ['The OTP was 3849 21.', 'The OTP was ******.'],
    ['my pin is 0000', 'my pin is ******'],
    ['384921 is my code', '****** is my code'],
    ['384921是验证码', '******是验证码'],
    // Property-test counterexamples: digits glued to an English phrase, and CVV2 + value.
    ['Verification Code0000', 'Verification Code******'],
    ['CVV20000', 'CVV******'],
    ['金额 128.50 元，CVV 285', '金额 128.50 元，CVV ******'],
  ])('%j', masked)

  it('the whole ticket from the issue', () => {
    masked('4111 1111 1111 1111 cvv 123 验证码 384921', '************1111 cvv ****** 验证码 ******')
  })
})

describe('benign ids survive', () => {
  it.each([
    '微信支付单号 4200 0004 0420 1909 0691 1758 2536',
    '支付宝交易号 2014 1126 1100 1004 6800 7395 6707',
    'M-889900 退款 ¥1,234.56',
    '尾号1111的卡',
    'I paid 128.50 on 2026-11-23',
    'version 4.111111111111111',
    '验证码收不到，订单号 12345678',
    'promo code 2026',
  ])('%j', untouched)

  it('a resident ID with its check character typed apart is still an ID (property-test counterexample)', () => {
    expect(redact('11 00 10193 0091 33 89 X').text).toBe('**************389X')
  })
})

describe('the chat warning uses the masking detector', () => {
  it.each(['my code is 384756', 'here is the code 384921', '验证码\n384921', 'CVV 123'])(
    '%j warns and is masked',
    (t) => {
      expect(looksLikeCode(t)).toBe(true)
      expect(redact(t).findings.map((f) => f.kind)).toEqual(['secret'])
    },
  )
  // A message that is nothing but a code cannot be told from any other number by masking: the user is asked.
  it.each(['384 921', '3 8 4 9 2 1', '٣٨٤٩٢١'])('%j (a bare code) warns', (t) => {
    expect(looksLikeCode(t)).toBe(true)
  })
  it.each(['2026-11-23', 'error code 1001', '验证码收不到', '尾号 1111'])('%j does not', (t) => {
    expect(looksLikeCode(t)).toBe(false)
  })
})

describe('phrase glued to its value by a dash, and the card security code', () => {
  it.each([
    ['OTP-384921', 'OTP-******'],
    ['security code 123', 'security code ******'],
    ['security code: 384921', 'security code: ******'],
    ['dynamic password 384921', 'dynamic password ******'],
  ])('%j', masked)
  it.each(['code M-889900', 'refund code-M889900'])('%j keeps the merchant reference', untouched)
})

describe('property-test counterexample: another country with +', () => {
  it('+1 (800) 555-0199 is not a mainland mobile', () => untouched('+1 (800) 555-0199'))
})

describe('digit sets that sit back to back (mathematical digits)', () => {
  it('reads double-struck and monospace digits by their value', () => {
    masked('卡号 𝟜𝟙𝟙𝟙 𝟷𝟷𝟷𝟷 𝟷𝟷𝟷𝟷 𝟷𝟷𝟷𝟷', '卡号 ************1111')
  })
})
