/**
 * A mainland landline is a phone number, personal information as a mobile is (PIPL; the reference
 * lists the phone number among what the SDK collects only masked), and with `+86` it was already
 * masked (`+86 10 6123 4567` → `+86 ******4567`). Written as at home, with its area code
 * (`010-61234567`, `0755-1234-5678`, `(021)12345678`), it went out readable. It is masked as other
 * phones are: the area code as typed, the local number down to its last four digits.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { check, seeded } from './both.js'

describe('privacy: mainland landlines keep their area code and last four digits', () => {
  it.each([
    ['010-12345678', '010-****5678'],
    ['0755-1234-5678', '0755-****5678'],
    ['(021)12345678', '(021)****5678'],
    ['(0755) 8765 4321', '(0755) ****4321'],
    ['021 6123 4567', '021 ****4567'],
    ['0571-8888888', '0571-***8888'],
    ['0991 2345678', '0991 ***5678'],
    ['010-6123 4567', '010-****4567'],
    ['021-91234567', '021-****4567'],
    ['座机：010-61234567，谢谢', '座机：010-****4567，谢谢'],
    ['电话 02161234567', '电话 021****4567'],
    ['office phone 075512345678', 'office phone 0755****5678'],
    ['010-61234567-8001', '010-****4567-8001'],
    ['0086 10 61234567', '0086 ******4567'],
    ['+86 10 6123 4567', '+86 ******4567'],
  ])('%s → %s', check)

  it('an area code and a local number, written as people do, keep only the area code and last four (property)', () => {
    const area = fc.oneof(
      fc.constantFrom('010', '020', '021', '022', '023', '024', '025', '027', '028', '029'),
      fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 10, max: 99 })).map(([a, b]) => `0${a}${b}`),
    )
    const local = fc
      .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 6, max: 7 }), fc.integer({ min: 0, max: 9_999_999 }))
      .map(([first, rest, n]) => `${first}${String(n).padStart(7, '0').slice(0, rest)}`)
    fc.assert(
      fc.property(
        area,
        local,
        fc.constantFrom('-', ' ', 'brackets'),
        fc.boolean(),
        fc.constantFrom('', '电话 ', '我的座机：', 'call me on ', '你好，'),
        fc.constantFrom('', '。', ' thanks', '，谢谢', '\n'),
        (code, number, sep, split, before, after) => {
          const grouped = split ? `${number.slice(0, -4)} ${number.slice(-4)}` : number
          const head = sep === 'brackets' ? `(${code}) ` : code + sep
          const text = `${before}${head}${grouped}${after}`
          const masked = `${before}${head}${'*'.repeat(number.length - 4)}${number.slice(-4)}${after}`
          expect(redact(text).text, text).toBe(masked)
          expect(maskText(text)).toBe(masked)
        },
      ),
      seeded(1000),
    )
  })
})

describe('privacy: what only looks like a landline stays readable', () => {
  it.each([
    '订单号 0755-12345678',
    'order no. 010-61234567',
    '退款单号：021 6123 4567',
    'M-010-61234567',
    '#0755-1234-5678',
    '金额 021-61234567 元',
    '010-0123456',

    '0123-45678901',
    '0312 3456 789',
    '02161234567',
    '0755 12345678 9012',
    '2026-12-05 09:30',
    '05.12.2026',
    '0.5 0755',
    '95188',
    '400-820-8820',
  ])('%s', (text) => check(text, text))
})
