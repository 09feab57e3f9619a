import { describe, expect, it } from 'vitest'
import { looksLikeCode, redact, redactFields, summarizeFindings } from '../../../src/privacy/index.js'

const untouched = (text: string) => expect(redact(text)).toEqual({ text, findings: [] })

describe('false positives that must stay visible', () => {
  it.each([
    '4200001234202611231234567890',
    '交易单号 4200001234202611231234567890',
    'transaction id: 2014112611001004680073956707',
    // spaced 28 digits in one group: cannot be cut into a card-sized piece
    'ref 4200000404201909069117582536 and 4200000404201909069117582536',
  ])('long transaction id: %s', untouched)

  it.each([
    // Luhn-valid but no card network starts with 1: a label keeps it visible.
    '订单号 1234567812345670',
    'Order No. 1234567812345670',
    // UnionPay-shaped but failing Luhn: masked bare, kept after a label.
    '订单号：6212345678901234',
    '交易单号：13800138000',
    '商户订单号 13800138000',
    'order number is 13800138000',
  ])('labelled order number: %s', untouched)

  it.each([
    '金额 1,234.56 元',
    'charged ¥12,345,678,901,234.56 twice',
    // Without a network prefix, a fraction other than `.0`/`.00` reads as an amount (see floatCard.test.ts).
    '1234567812345670.50',
    '2026-11-23 14:30:00',
    '2026-11-23T09:30:00+08:00',
    '2026/11/23 09:30',
    '20261123143000',
    'version 4.111111111111111',
  ])('amount, date or time: %s', untouched)

  it.each([
    '我昨天在超市用微信支付付款失败了，钱被扣了但是商家说没收到，请帮忙查一下。',
    'I was charged twice for the same coffee, please refund one of them.',
    '我的密码错误，登录不了',
    '验证码收不到怎么办',
    'my password is wrong',
    'error code 1001 at step 3',
    'TXN1234567812345670',
  ])('prose: %s', untouched)
})

describe('labels never hide a card', () => {
  it.each([
    ['订单号 4111111111111111', '订单号 ************1111'],
    ['Order No. 4111111111111111', 'Order No. ************1111'],
    ['transaction ID: 5555555555554444', 'transaction ID: ************4444'],
    ['ref:4111111111111111', 'ref:************1111'],
    ['TXN4111111111111111', 'TXN************1111'],
  ])('%s', (input, output) => {
    expect(redact(input).text).toBe(output)
  })
})

describe('what is hidden', () => {
  it('an unlabelled Luhn-valid number next to a labelled one: only the unlabelled one', () => {
    const text = '订单号 1234567812345670，卡号 1234567812345670'
    const r = redact(text)
    const start = text.lastIndexOf('1234567812345670')
    expect(r.findings).toEqual([{ kind: 'card', start, end: start + 16 }])
    expect(r.text).toBe('订单号 1234567812345670，卡号 ************5670')
  })

  it('a card typed right after a date still gets found', () => {
    expect(redact('2024-11-23 4111111111111111').text).toBe('2024-11-23 ************1111')
  })

  it('grouped phone numbers with and without +86', () => {
    expect(redact('+86 138 0013 8000 / 138-0013-8000').text).toBe('+86 138****8000 / 138****8000')
  })

  it('full-width digits from a Chinese IME, with offsets into the original', () => {
    const text = '卡号４１１１１１１１１１１１１１１１'
    const r = redact(text)
    expect(r.text).toBe('卡号************1111')
    expect(r.findings).toEqual([{ kind: 'card', start: 2, end: text.length }])
  })

  it('legacy 15-digit ID only next to an ID label', () => {
    expect(redact('身份证号 110105491231002').findings.map((f) => f.kind)).toEqual(['cn_id'])
    expect(redact('编号 110105491231002').findings).toEqual([])
  })

  it.each([
    ['CVV 123', 'CVV ******'],
    ['CVV码：4567', 'CVV码：******'],
    ['安全码是 321', '安全码是 ******'],
    ['背面三位 789', '背面三位 ******'],
    ['验证码：384921', '验证码：******'],
    ['the verification code is 384921.', 'the verification code is ******.'],
    ['OTP 5521', 'OTP ******'],
    ['PIN 1234', 'PIN ******'],
    ['支付密码 123456', '支付密码 ******'],
    ['password: xxx', 'password: ******'],
    ['password is hunter2', 'password is ******'],
    ['密码 xxxx', '密码 ******'],
    ['登录密码是Abc12345。', '登录密码是******。'],
  ])('secret phrase %s', (input, output) => {
    const r = redact(input)
    expect(r.text).toBe(output)
    expect(r.findings.map((f) => f.kind)).toEqual(['secret'])
  })

  it('reports findings in text order with original offsets', () => {
    const text = '邮箱 a.b@x.cn 电话 13800138000 卡 4111111111111111'
    const r = redact(text)
    expect(r.findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['email', 'a.b@x.cn'],
      ['phone', '13800138000'],
      ['card', '4111111111111111'],
    ])
  })

  it('reference mode keeps phone-shaped and other card-shaped ids, but hides IDs and network cards', () => {
    // A Luhn-valid number with a card network's prefix is a card whatever field it is in.
    expect(redact('4111111111111111', { reference: true }).text).toBe('************1111')
    // Luhn-valid without a network prefix, a UnionPay-shaped number failing Luhn, a mobile-shaped id: kept.
    for (const id of ['1234567812345670', '6212345678901234560', '13800138000'])
      expect(redact(id, { reference: true }).findings).toEqual([])
    expect(redact('1234567812345670').text).not.toBe('1234567812345670')
    expect(redact('440524188001010014', { reference: true }).findings.map((f) => f.kind)).toEqual(['cn_id'])
  })

  it('stays correct on a very long adversarial input', () => {
    const text = '1 '.repeat(20_000) + '4111111111111111'
    const r = redact(text)
    expect(r.findings).toEqual([{ kind: 'card', start: 40_000, end: 40_016 }])
  })
})

describe('redactFields', () => {
  it('redacts nested strings, keeps other values, and reports paths', () => {
    const input = {
      description: '卡号 4111111111111111',
      amount: 12.5,
      ok: true,
      none: null,
      list: ['13800138000', { note: 'mail me: zhang@qq.com' }],
      transactionId: '4111111111111111',
      url: 'https://cdn.example/4111111111111111.png',
    }
    const { value, findings } = redactFields(input, { referenceKeys: ['transactionId'], skipKeys: ['url'] })
    expect(value).toEqual({
      description: '卡号 ************1111',
      amount: 12.5,
      ok: true,
      none: null,
      list: ['138****8000', { note: 'mail me: z***@qq.com' }],
      transactionId: '************1111',
      url: 'https://cdn.example/4111111111111111.png',
    })
    expect(findings.map((f) => [f.path, f.kind])).toEqual([
      ['description', 'card'],
      ['list.0', 'phone'],
      ['list.1.note', 'email'],
      ['transactionId', 'card'],
    ])
    expect(input.description).toBe('卡号 4111111111111111')
  })
})

describe('looksLikeCode', () => {
  it.each(['384921', ' 384 921 ', '5521', '12345678', '验证码 384921 给你', 'my sms code: 4821'])('%s → true', (t) => {
    expect(looksLikeCode(t)).toBe(true)
  })
  it.each([
    '123',
    '123456789',
    'I paid 128.50 on 2026-11-23',
    'error code 1001',
    '订单 4200000404201909069117582536',
    '验证码收不到',
  ])('%s → false', (t) => {
    expect(looksLikeCode(t)).toBe(false)
  })
})

describe('summarizeFindings', () => {
  it('lists the kinds hidden, most sensitive first, with catalog keys', () => {
    const summary = summarizeFindings(redact('13800138000 CVV 123 4111111111111111 5555555555554444').findings)
    expect(summary).toEqual({
      total: 4,
      kinds: ['secret', 'card', 'phone'],
      counts: { phone: 1, secret: 1, card: 2 },
      messageKeys: ['privacy.hidden.secret', 'privacy.hidden.card', 'privacy.hidden.phone'],
    })
  })
  it('is empty when nothing was hidden', () => {
    expect(summarizeFindings([])).toEqual({ total: 0, kinds: [], counts: {}, messageKeys: [] })
  })
})
