/**
 * Phone numbers outside mainland China were sent as typed: Hong Kong (8 digits starting 5, 6 or 9,
 * with or without +852 / 852 / (852)), Macau (+853, 8 digits starting 6), Taiwan mobiles
 * (09xx-xxx-xxx, +886 9xx xxx xxx) and any number written with a leading `+` and its country code
 * (E.164, 8–15 digits, grouped by spaces, dashes, dots or brackets). They are masked as mainland
 * mobiles are: the country code as typed, then only the last four digits (`+852 ****4567`,
 * `09****5678`). Amounts, dates, times, labelled order numbers, ticket references, versions,
 * hotlines and toll-free numbers stay readable.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { seeded, check } from './both.js'

const params = seeded(1000)

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })

/** Country code and national number (no service numbers: toll-free numbers stay, see below). */
const international = fc.oneof(
  fc.tuple(fc.constant('852'), fc.constantFrom('5', '6', '9'), digits(7, 7)).map(([cc, a, b]) => [cc, a + b] as const),
  fc.tuple(fc.constant('853'), digits(7, 7)).map(([cc, b]) => [cc, '6' + b] as const),
  fc.tuple(fc.constant('886'), digits(8, 8)).map(([cc, b]) => [cc, '9' + b] as const),
  fc
    .tuple(
      fc.constantFrom('1', '7', '33', '44', '49', '61', '65', '81', '82', '971', '234', '351'),
      fc.constantFrom('2', '3', '4', '5', '6', '7', '9'),
      digits(6, 11),
    )
    .filter(([cc, , b]) => cc.length + 1 + b.length <= 15 && cc.length + 1 + b.length >= 8)
    .map(([cc, a, b]) => [cc, a + b] as const),
)

/** A number split into groups of 2–4 digits with one separator kind. */
const grouped = (n: string, sep: string, sizes: readonly number[]): string => {
  let out = ''
  let at = 0
  for (let g = 0; at < n.length; g++) {
    let end = Math.min(n.length, at + (sizes[g % sizes.length] ?? 4))
    // A lone digit at the end joins the group before it (`20.00.00.0` reads as a version).
    if (n.length - end === 1) end = n.length
    out += n.slice(at, end) + (end < n.length ? sep : '')
    at = end
  }
  return out
}

const BEFORE = ['', '我的电话 ', 'call me on ', '联系方式：', 'WhatsApp: ', '你好，']
const AFTER = ['', '。', ' thanks', '，谢谢', ' (mobile)', '\n']

describe('privacy: phones outside mainland China are masked, the last four kept', () => {
  it.each([
    ['+852 5123 4567', '+852 ****4567'],
    ['+852-9123-4567', '+852-****4567'],
    ['+85261234567', '+852****4567'],
    ['852 5123 4567', '852 ****4567'],
    ['(852) 9123 4567', '(852) ****4567'],
    ['00852 5123 4567', '00852 ****4567'],
    ['香港电话 6123 4567', '香港电话 ****4567'],
    ['5123 4567', '****4567'],
    ['手机 91234567', '手机 ****4567'],
    ['call me on 51234567 tonight', 'call me on ****4567 tonight'],
    ['+853 6612 3456', '+853 ****3456'],
    ['853 66123456', '853 ****3456'],
    ['0912-345-678', '09****5678'],
    ['0912 345 678', '09****5678'],
    ['台湾手机0912345678', '台湾手机09****5678'],
    ['+886 912 345 678', '+886 *****5678'],
    ['886 912 345 678', '886 *****5678'],
    ['+44 7911 123456', '+44 ******3456'],
    ['+1 (415) 555-2671', '+1 ******2671'],
    ['+1 415.555.2671', '+1 ******2671'],
    ['+33 6 12 34 56 78', '+33 *****5678'],
    ['+49.151.2345.6789', '+49.*******6789'],
    ['+971 50 123 4567', '+971 *****4567'],
    ['联系我 +65 9123 4567，谢谢', '联系我 +65 ****4567，谢谢'],
  ])('%s → %s', check)

  it('a number with a + and its country code keeps only the code and its last four digits (property)', () => {
    fc.assert(
      fc.property(
        international,
        fc.constantFrom(' ', '-', '.', ''),
        fc.constantFrom(' ', '-', '.', ' - '),
        fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...BEFORE),
        fc.constantFrom(...AFTER),
        ([cc, national], ccSep, anySep, sizes, before, after) => {
          // A dot after the code with other separators later reads as an amount (`+852.50 00 …`).
          const sep = ccSep === '.' ? '.' : anySep
          const text = `${before}+${cc}${ccSep}${grouped(national, sep, sizes)}${after}`
          const masked = `${before}+${cc}${ccSep}${'*'.repeat(national.length - 4)}${national.slice(-4)}${after}`
          const r = redact(text)
          expect(r.text, text).toBe(masked)
          expect(r.findings.map((f) => f.kind)).toEqual(['phone'])
          expect(maskText(text)).toBe(masked)
        },
      ),
      params,
    )
  })

  it('a Hong Kong, Macau or Taiwan mobile without its +, keeps only its last four digits (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom('5', '6', '9'), digits(7, 7)).map(([a, b]) => ({ n: a + b, keep: 0, cc: '852' })),
          digits(7, 7).map((b) => ({ n: '6' + b, keep: 0, cc: '853' })),
          digits(8, 8).map((b) => ({ n: '09' + b, keep: 2, cc: '' })),
        ),
        fc.constantFrom(' ', '-'),
        fc.constantFrom('', 'cc', '(cc) ', 'cc-', '00cc '),
        fc.constantFrom('手机 ', '电话：', 'phone ', '', '我的手機號碼是 '),
        fc.constantFrom(...AFTER),
        ({ n, keep, cc }, sep, ccForm, label, after) => {
          const code = cc === '' ? '' : ccForm.replace('cc', cc === '' ? '' : cc)
          // Taiwan's national 0 goes when the country code is written; HK and Macau have none.
          const written =
            n.length === 8
              ? `${n.slice(0, 4)}${sep}${n.slice(4)}`
              : `${n.slice(0, 4)}${sep}${n.slice(4, 7)}${sep}${n.slice(7)}`
          const text = `${label}${code}${written}${after}`
          const masked = `${label}${code}${n.slice(0, keep)}${'*'.repeat(n.length - keep - 4)}${n.slice(-4)}${after}`
          expect(redact(text).text, text).toBe(masked)
          expect(maskText(text)).toBe(masked)
        },
      ),
      params,
    )
  })
})

describe('privacy: what only looks like such a phone stays readable', () => {
  it.each([
    '¥5,680.00',
    'HK$ 5600',
    'HK$5,600.00',
    'HK$ 56001234',
    '金额 51234567 元',
    '+5,680.00',
    '+56801234.00',
    '2026-12-05 09:30',
    '2026/12/05 09:30:15',
    '20261205093015',
    '订单号 51234567',
    '订单号码 51234567',
    '订单号：5123 4567',
    'order no. 91234567',
    '交易单号 0912345678',
    '商户订单号 +85251234567',
    'HF-2026-000123',
    'HF-2026-51234567',
    '#51234567',
    'C-000123',
    'M-51234567',
    '商户 SH-91234567',
    'v5.12.3',
    'build 56781234',
    '构建号 91234567',
    '95017',
    '95188',
    '400-820-8820',
    '+1 (800) 555-0199',
    '+1 888 555 0199',
    '+852 800 123 456',
    '+44 800 123 4567',
    '+86 400 820 8820',
    'UTC+08:00',
    'GMT+8',
    '+12.5%',
    '51234567',
    'memory 61234567 bytes',
    '1234 5123 4567',
  ])('%s', (text) => check(text, text))

  it('labelled order numbers, amounts and dates shaped like such a phone are kept (property)', () => {
    const hk = fc.tuple(fc.constantFrom('5', '6', '9'), digits(7, 7)).map(([a, b]) => a + b)
    const tw = digits(8, 8).map((b) => '09' + b)
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(
              fc.constantFrom('订单号 ', '交易单号：', 'order no. ', '商户单号 ', '退款单号', 'ref '),
              fc.oneof(hk, tw),
            )
            .map(([l, n]) => l + n),
          fc
            .tuple(
              fc.constantFrom('HK$ ', 'HK$', '¥', 'MOP ', 'NT$', '金额 ', '+'),
              fc.integer({ min: 10_000_000, max: 99_999_999 }),
            )
            .map(([c, n]) => `${c}${n.toLocaleString('en-US')}.${String(n % 100).padStart(2, '0')}`),
          fc.tuple(hk, fc.constantFrom(' 元', '元', ' HKD', '港元', '%')).map(([n, u]) => n + u),
          fc
            .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 16).replace('T', ' ')),
        ),
        fc.constantFrom('', '你好，', 'Hi, '),
        fc.constantFrom('', '。', ' thanks'),
        (value, before, after) => {
          const text = before + value + after
          expect(redact(text).text).toBe(text)
        },
      ),
      params,
    )
  })
})
