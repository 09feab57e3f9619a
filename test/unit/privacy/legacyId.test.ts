/**
 * The 15-digit resident ID of GB 11643-1989: area code (6) + birth date YYMMDD (6) + sequence (3),
 * no check digit. Fifteen digits alone are too weak to tell it from an order or transaction
 * number, so it is hidden where an ID word stands right before it (身份证, 身份證, 证件号, ID,
 * identity …), and only when its area code starts with a real province (11–15, 21–23, 31–37,
 * 41–46, 50–54, 61–65) and its date is a real one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { LEGACY_ID_PROVINCES as PROVINCES, exposedDigits, legacyId, luhnCheckDigit, written } from './arbitraries.js'

const params = {
  numRuns: 3000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}
const pad = (n: number, size: number) => String(n).padStart(size, '0')

const LABELS_BEFORE = [
  '身份证 ',
  '身份证号码：',
  '我的身份證號碼是 ',
  '旧身份证号',
  '身分證字號 ',
  '证件号码:',
  '證件號 ',
  '公民身份号码 ',
  'ID: ',
  'ID ',
  'my ID is ',
  'ID number ',
  'ID card no. ',
  'identity card number: ',
  'National ID ',
  'resident id# ',
]
const BEFORE = ['', '你好，', 'Hi, ', '我昨天付款失败了。', '金额 128.50 元，']
const AFTER = ['', '。', ' thanks', '，谢谢', ' on 2026-11-23']

const labelled = fc
  .tuple(legacyId, fc.constantFrom(...LABELS_BEFORE), fc.constantFrom(...BEFORE), fc.constantFrom(...AFTER))
  .chain(([id, label, before, after]) =>
    written(id).map((w) => {
      const head = before + label
      return {
        text: head + w + after,
        secret: id,
        kind: 'cn_id' as const,
        keep: id.slice(-4),
        span: [head.length, head.length + w.length] as const,
      }
    }),
  )

/** 15-digit numbers people quote for orders and payments, as a shop or wallet makes them. */
const orderLike: fc.Arbitrary<string> = fc.oneof(
  // 4200001234…: WeChat Pay-like, cut to 15 digits
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 5, maxLength: 5 }).map((s) => `4200001234${s}`),
  // YYYYMMDD + serial, YYMMDD + serial, a millisecond timestamp + 2 digits
  fc
    .tuple(fc.integer({ min: 2015, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, m, d]) =>
      fc.integer({ min: 0, max: 9_999_999 }).map((n) => `${y}${pad(m, 2)}${pad(d, 2)}${pad(n, 7)}`),
    ),
  fc
    .tuple(fc.integer({ min: 15, max: 26 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, m, d]) =>
      fc.integer({ min: 0, max: 999_999_999 }).map((n) => `${y}${pad(m, 2)}${pad(d, 2)}${pad(n, 9)}`),
    ),
  fc.integer({ min: 1_500_000_000_000, max: 1_800_000_000_000 }).map((t) => `${t}${pad(t % 97, 2)}`),
  // any 15 digits, and legacy-ID-shaped ones: with no ID word they are not IDs
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 14, maxLength: 14 }).map((s) => `1${s}`),
  legacyId,
)
const ORDER_CONTEXT = ['', '订单号 ', '订单号：', '交易单号 ', '流水号', 'order no. ', 'ref ', 'Order ', '单号是 ']
const MENTIONS = ['', '身份证已经实名认证过了。', 'My ID card is verified. ']

describe('legacy 15-digit resident IDs', () => {
  it('are hidden after an ID word, however the digits are written', () => {
    fc.assert(
      fc.property(labelled, (c) => {
        const { findings, text } = redact(c.text)
        expect(exposedDigits(c, findings), `${c.text} → ${text}`).toBe('')
        expect(findings.map((f) => f.kind)).toContain('cn_id')
      }),
      params,
    )
  })

  it('are not read into order and transaction numbers without an ID word next to them', () => {
    fc.assert(
      fc.property(
        orderLike,
        fc.constantFrom(...ORDER_CONTEXT),
        fc.constantFrom(...MENTIONS),
        fc.constantFrom(...AFTER),
        (n, label, mention, after) => {
          const { findings } = redact(`${mention}${label}${n}${after}`)
          expect(findings.filter((f) => f.kind === 'cn_id')).toEqual([])
        },
      ),
      params,
    )
  })

  it('need a real province and a real date even next to an ID word', () => {
    const wrong = fc.oneof(
      // province 16–20, 24–30, 38–40, 47–49, 55–60, 66–99 (or 00–10)
      fc
        .integer({ min: 0, max: 99 })
        .filter((p) => !PROVINCES.includes(pad(p, 2)))
        .chain((p) => legacyId.map((id) => pad(p, 2) + id.slice(2))),
      // city code 00, month 13–99 or 00
      legacyId.map((id) => id.slice(0, 2) + '00' + id.slice(4)),
      fc.tuple(legacyId, fc.integer({ min: 13, max: 99 })).map(([id, m]) => id.slice(0, 8) + pad(m, 2) + id.slice(10)),
    )
    fc.assert(
      fc.property(wrong, fc.constantFrom(...LABELS_BEFORE), (n, label) => {
        expect(redact(label + n).findings.filter((f) => f.kind === 'cn_id')).toEqual([])
      }),
      params,
    )
  })

  it('leave Amex numbers to the card rule: masked as cards', () => {
    const amex = fc
      .tuple(
        fc.constantFrom('34', '37'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
      )
      .map(([p, body]) => p + body + luhnCheckDigit(p + body))
    fc.assert(
      fc.property(amex, fc.constantFrom('', 'Amex ', '卡号 ', 'card: '), (pan, label) => {
        const r = redact(label + pan)
        expect(r.findings.map((f) => f.kind)).toEqual(['card'])
        expect(r.text).toBe(label + '*'.repeat(11) + pan.slice(-4))
      }),
      params,
    )
  })

  it('examples', () => {
    expect(redact('身份證號碼 110105491231002').text).toBe('身份證號碼 ***********1002')
    expect(redact('my ID is 110105491231002').text).toBe('my ID is ***********1002')
    // An ID of someone else's making (a user, device or order id) is not a resident ID.
    for (const text of ['user ID 110105491231002', 'order ID 110105491231002', 'device_id=110105491231002'])
      expect(redact(text).findings).toEqual([])
    // An ID word labels the number after it, not the one before.
    expect(redact('订单 110105491231003，身份证 110105491231002').text).toBe(
      '订单 110105491231003，身份证 ***********1002',
    )
    expect(redact('订单号 110105491231003 是我身份证').findings).toEqual([])
    expect(redact('身份证 110105491231002，订单号 110105491231003').text).toBe(
      '身份证 ***********1002，订单号 110105491231003',
    )
  })
})
