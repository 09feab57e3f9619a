/**
 * A number followed or preceded by a comma and a few digits (`13800138000，100元`, a phone and an
 * amount in one sentence) is still that number: a group of four digits or more is never the
 * thousands part of an amount, nor an hour or minute. The comma rule read `，100` as a thousands
 * part and left the mobile, card or ID before it readable. Amounts written with thousands
 * separators (`1,234,567`, `13,800,138,000`) stay as typed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { redact } from '../../../src/privacy/index.js'
import { maskText } from '../../../examples/server/mask.js'
import { cardNumber, cnId, mobile } from './arbitraries.js'

const params = {
  numRuns: 1000,
  seed: process.env.PRIVACY_SEED === undefined ? 20261204 : Number(process.env.PRIVACY_SEED),
}
const COMMA = [',', '，', ':', '：']
const small = fc.stringMatching(/^\d{1,3}$/)

describe('a number next to a comma and a short number', () => {
  it('a mobile, card or ID is hidden whether the short number comes after or before it', () => {
    fc.assert(
      fc.property(
        fc.oneof(mobile, cardNumber, cnId),
        fc.constantFrom(...COMMA),
        small,
        fc.boolean(),
        (secret, comma, n, after) => {
          const text = after ? `号码 ${secret}${comma}${n}元` : `金额 ${n}${comma}${secret} 是号码`
          const masked = redact(text).text
          // Its first seven digits never survive together (a mobile keeps its first three, a card none).
          expect(masked, text).not.toContain(secret.slice(0, 7))
          expect(maskText(text), text).toBe(masked)
        },
      ),
      params,
    )
  })

  it('examples', () => {
    expect(redact('手机 13800138000，100元').text).toBe('手机 138****8000，100元')
    expect(redact('13800138000,100').text).toBe('138****8000,100')
    expect(redact('卡号 4111111111111111,100').text).toBe('卡号 ************1111,100')
    expect(redact('100,13800138000').text).toBe('100,138****8000')
  })

  it('amounts with thousands separators and times stay', () => {
    for (const text of [
      '1,234,567',
      '13,800,138,000',
      '金额 1,380,013,800 元',
      '14:30',
      '2026-12-04 14:30:05',
      '1,234.50',
    ])
      expect(redact(text).text, text).toBe(text)
  })
})
